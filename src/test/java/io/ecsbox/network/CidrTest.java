package io.ecsbox.network;

import io.ecsbox.TestErrors;
import io.ecsbox.common.Cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.common.EcsException;
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
  void securityGroupParseIsLenientAndGivesTheCode() {
    assertEquals("10.0.0.5/32", Cidr.parse("10.0.0.5", "X").toString());
    assertEquals("10.0.0.0/8", Cidr.parse("10.1.2.3/8", "X").toString());
    assertEquals("10.0.0.0/8", Cidr.parse("010.0.0.0/08", "X").toString());
    assertEquals(Cidr.ANY, Cidr.parse("0.0.0.0/0", "X"));
    assertTrue(Cidr.ANY.isAny());
    assertEquals("0.0.0.0/0", Cidr.ANY.toString());
    assertTrue(Cidr.ANY.contains(Cidr.parseAddress("255.255.255.255")));
    assertFalse(Cidr.parse("0.0.0.0/1", "X").isAny());
    for (String bad : new String[] {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.256/8", "10.0.0/8", "10.0.0.0/", "/8", ""}) {
      EcsException e = TestErrors.thrown(() -> Cidr.parse(bad, "InvalidDestCidrIp.Malformed"), bad);
      assertEquals("InvalidDestCidrIp.Malformed", e.code());
      assertEquals("The specified CIDR \"" + bad + "\" is not valid.", e.getMessage());
    }
    assertEquals("C", TestErrors.thrown(() -> Cidr.parse(null, "C")).code());
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
