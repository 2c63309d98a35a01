package io.ecsbox.network;

import io.ecsbox.TestErrors;
import io.ecsbox.common.Cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpcCidrsTest {
  private static String code(Runnable r) {
    return TestErrors.thrown(r::run).code();
  }

  @Test
  void vpcCidrMustBePrivateAndSized() {
    assertEquals("10.0.0.0/8", VpcCidrs.vpc("10.0.0.0/8").toString());
    assertEquals("172.16.0.0/12", VpcCidrs.vpc("172.16.0.0/12").toString());
    assertEquals("192.168.0.0/24", VpcCidrs.vpc("192.168.0.0/24").toString());
    for (String bad : List.of("11.0.0.0/8", "172.32.0.0/16", "192.169.0.0/16", "8.0.0.0/7",
        "10.0.0.0/25", "172.0.0.0/8", "nonsense", "10.0.0.5/16")) {
      assertEquals("InvalidCidrBlock.Malformed", code(() -> VpcCidrs.vpc(bad)), bad);
    }
  }

  @Test
  void vSwitchCidrInsideVpcWithoutOverlap() {
    Cidr vpc = VpcCidrs.vpc("192.168.0.0/16");
    List<Cidr> siblings = List.of(Cidr.parse("192.168.1.0/24"));
    assertEquals("192.168.2.0/24", VpcCidrs.vSwitch(vpc, "192.168.2.0/24", siblings).toString());
    assertEquals("192.168.0.0/16", VpcCidrs.vSwitch(vpc, "192.168.0.0/16", List.of()).toString());
    assertEquals("192.168.3.8/29", VpcCidrs.vSwitch(vpc, "192.168.3.8/29", siblings).toString());
    assertEquals("InvalidCidrBlock.Malformed", code(() -> VpcCidrs.vSwitch(vpc, "10.0.0.0/24", siblings)));
    assertEquals("InvalidCidrBlock.Malformed", code(() -> VpcCidrs.vSwitch(vpc, "192.168.4.0/30", siblings)));
    assertEquals("InvalidCidrBlock.Malformed", code(() -> VpcCidrs.vSwitch(vpc, "192.0.0.0/15", siblings)));
    assertEquals("InvalidCidrBlock.Malformed", code(() -> VpcCidrs.vSwitch(vpc, "192.168.1/24", siblings)));
    assertEquals("InvalidCidrBlock.Overlapped", code(() -> VpcCidrs.vSwitch(vpc, "192.168.1.128/25", siblings)));
    assertEquals("InvalidCidrBlock.Overlapped", code(() -> VpcCidrs.vSwitch(vpc, "192.168.0.0/16", siblings)));
    Cidr small = VpcCidrs.vpc("10.1.2.0/24");
    assertEquals("InvalidCidrBlock.Malformed", code(() -> VpcCidrs.vSwitch(small, "10.1.0.0/16", List.of())));
  }

  @Test
  void reservedAddressesAndGateway() {
    Cidr c = Cidr.parse("192.168.1.0/24");
    assertEquals("192.168.1.253", Cidr.format(VpcCidrs.gateway(c)));
    assertEquals(List.of("192.168.1.0", "192.168.1.253", "192.168.1.254", "192.168.1.255"),
        VpcCidrs.reserved(c).stream().map(Cidr::format).toList());
    assertTrue(VpcCidrs.isReserved(c, Cidr.parseAddress("192.168.1.254")));
    assertFalse(VpcCidrs.isReserved(c, Cidr.parseAddress("192.168.1.252")));
    assertFalse(VpcCidrs.isReserved(c, Cidr.parseAddress("192.168.1.1")));
    assertEquals(252, VpcCidrs.usableCount(c));
    assertEquals(4, VpcCidrs.usableCount(Cidr.parse("10.0.0.8/29")));
    assertEquals("10.0.0.13", Cidr.format(VpcCidrs.gateway(Cidr.parse("10.0.0.8/29"))));
  }
}
