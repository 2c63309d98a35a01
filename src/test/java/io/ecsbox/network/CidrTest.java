package io.ecsbox.network;

import io.ecsbox.TestErrors;
import io.ecsbox.agent.firewall.SgRule;
import io.ecsbox.common.Cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void parsesAndFormats() {
    Cidr c = Cidr.parse("192.168.1.0/24");
    assertEquals("192.168.1.0/24", c.toString());
    assertEquals(256, c.size());
    assertEquals("192.168.1.255", Cidr.format(c.last()));
    assertEquals("255.255.255.0", c.netmask());
    assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
    assertEquals("255.255.255.255", Cidr.format(Cidr.parseAddress("255.255.255.255")));
  }

  @Test
  void rejectsMalformedText() {
    for (String bad : new String[] {"10.0.0.0", "10.0.0/24", "10.0.0.256/24", "10.0.0.0/33", "010.0.0.0/8",
        "10.0.0.0/", "10.0.0.0/x", " 10.0.0.0/8", "10.0.0.1/24", "a.b.c.d/8", "10.0.0.0/-1"}) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
    }
  }

  @Test
  void containmentAndOverlap() {
    Cidr vpc = Cidr.parse("172.16.0.0/12");
    Cidr a = Cidr.parse("172.16.1.0/24");
    Cidr b = Cidr.parse("172.16.0.0/16");
    Cidr c = Cidr.parse("172.32.0.0/16");
    assertTrue(vpc.contains(a));
    assertFalse(vpc.contains(c));
    assertTrue(a.overlaps(b));
    assertTrue(b.overlaps(a));
    assertFalse(a.overlaps(Cidr.parse("172.16.2.0/24")));
    assertTrue(Cidr.parse("192.168.0.0/16").contains(Cidr.parseAddress("192.168.255.255")));
  }

  @Test
  void strictAddressErrorsNameTheText() {
    assertEquals("'10.0.0.01' is not an IPv4 address",
        assertThrows(IllegalArgumentException.class, () -> Cidr.parseAddress("10.0.0.01")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cidr.parseAddress(null));
  }

  @Test
  void securityGroupParseIsLenientAndRulesGiveTheCode() {
    assertEquals("10.0.0.5/32", Cidr.parseLenient("10.0.0.5").toString());
    assertEquals("10.0.0.0/8", Cidr.parseLenient("10.1.2.3/8").toString());
    assertEquals("10.0.0.0/8", Cidr.parseLenient("010.0.0.0/08").toString());
    assertEquals(Cidr.ANY, Cidr.parseLenient("0.0.0.0/0"));
    assertTrue(Cidr.ANY.isAny());
    assertEquals("0.0.0.0/0", Cidr.ANY.toString());
    assertTrue(Cidr.ANY.contains(Cidr.parseAddress("255.255.255.255")));
    assertFalse(Cidr.parseLenient("0.0.0.0/1").isAny());
    for (String bad : new String[] {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.256/8", "10.0.0/8", "10.0.0.0/", "/8", ""}) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parseLenient(bad), bad);
      if (!bad.isEmpty()) { // a rule without a CIDR has none
        EcsException e = TestErrors.thrown(() -> SgRule.parse(SgRule.Direction.EGRESS, "tcp", "80/80", bad, null,
            null, null), bad);
        assertEquals("InvalidDestCidrIp.Malformed", e.code(), bad);
        assertEquals("The specified CIDR \"" + bad + "\" is not valid.", e.getMessage());
      }
    }
    assertEquals("InvalidSourceCidrIp.Malformed", TestErrors.thrown(() -> SgRule.parse(SgRule.Direction.INGRESS,
        "tcp", "80/80", "10.0.0.0/33", null, null, null)).code());
    assertThrows(IllegalArgumentException.class, () -> Cidr.parseLenient(null));
  }

  @Test
  void lenientAddresses() {
    assertEquals(Cidr.parseAddress("10.1.0.255"), Cidr.parseLenientAddress("010.001.000.255"));
    assertEquals("255.0.0.1", Cidr.format(Cidr.parseLenientAddress("255.0.0.1")));
    assertTrue(Cidr.isLenientAddress("0.0.0.0"));
    for (String bad : new String[] {"1.2.3", "1.2.3.4.", "1..2.3", "1.2.3.256", "1.2.3.0001", "a.b.c.d", "1.2.3.+4",
        " 1.2.3.4", "1.2.3.4/32"}) {
      assertFalse(Cidr.isLenientAddress(bad), bad);
      assertEquals("not an IPv4 address: " + bad,
          assertThrows(IllegalArgumentException.class, () -> Cidr.parseLenientAddress(bad)).getMessage());
    }
  }
}
