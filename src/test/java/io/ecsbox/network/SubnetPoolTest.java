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

class SubnetPoolTest {
  private static String code(Runnable r) {
    return TestErrors.thrown(r::run).code();
  }

  @Test
  void handsOutTheLowestFreeAddressAndReusesReleasedOnes() {
    SubnetPool p = new SubnetPool(Cidr.parse("10.0.1.0/24"), List.of("10.0.1.2"));
    assertEquals("10.0.1.1", p.allocate());
    assertEquals("10.0.1.3", p.allocate());
    p.release("10.0.1.1");
    assertFalse(p.isTaken("10.0.1.1"));
    assertEquals("10.0.1.1", p.allocate());
    assertEquals(252 - 3, p.available());
  }

  @Test
  void neverHandsOutReservedAddressesAndSaysWhenFull() {
    SubnetPool p = new SubnetPool(Cidr.parse("10.0.0.8/29"), List.of());
    assertEquals(List.of("10.0.0.9", "10.0.0.10", "10.0.0.11", "10.0.0.12"),
        List.of(p.allocate(), p.allocate(), p.allocate(), p.allocate()));
    assertEquals(0, p.available());
    assertEquals("InvalidVSwitchId.IpNotEnough", code(p::allocate));
  }

  @Test
  void validatesARequestedAddress() {
    SubnetPool p = new SubnetPool(Cidr.parse("192.168.5.0/24"), List.of("192.168.5.10"));
    assertEquals("192.168.5.20", p.allocate("192.168.5.20"));
    assertTrue(p.isTaken("192.168.5.20"));
    assertEquals("InvalidPrivateIpAddress.Duplicated", code(() -> p.allocate("192.168.5.10")));
    assertEquals("InvalidPrivateIpAddress.Duplicated", code(() -> p.allocate("192.168.5.20")));
    assertEquals("InvalidPrivateIpAddress", code(() -> p.allocate("192.168.6.1")));
    for (String reserved : List.of("192.168.5.0", "192.168.5.253", "192.168.5.254", "192.168.5.255")) {
      assertEquals("InvalidPrivateIpAddress", code(() -> p.allocate(reserved)), reserved);
    }
    assertEquals("InvalidPrivateIpAddress.Malformed", code(() -> p.allocate("192.168.5.300")));
    assertEquals("InvalidPrivateIpAddress.Malformed", code(() -> p.allocate(null)));
    assertEquals("192.168.5.1", p.allocate());
  }
}
