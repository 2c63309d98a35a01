package io.ecsbox.network.eip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The public range: what allocation hands out, and what the record refuses. */
class EipConfigTest {

  @Test
  void gatewayDefaultsToTheFirstUsableAddressWhichIsNeverAllocated() {
    EipConfig c = EipConfig.of("198.51.100.0/24", "br-pub", "198.51.100.1");
    assertEquals("198.51.100.1", c.gatewayAddress());
    assertEquals("br-pub", c.uplink());
    assertEquals(Optional.of("198.51.100.2"), c.firstFree(Set.of()));
    assertEquals(Optional.of("198.51.100.4"), c.firstFree(Set.of("198.51.100.2", "198.51.100.3")));
    assertEquals(253, c.capacity());
  }

  @Test
  void allocationSkipsNetworkBroadcastAndAGivenGateway() {
    EipConfig c = EipConfig.of("203.0.113.0/30", "br0", "203.0.113.2");
    assertEquals(Optional.of("203.0.113.1"), c.firstFree(Set.of()));
    assertEquals(Optional.empty(), c.firstFree(Set.of("203.0.113.1")), ".0 network, .2 gateway, .3 broadcast");
    EipConfig outside = EipConfig.of("203.0.113.0/30", "br0", "192.0.2.1");
    assertEquals(Optional.of("203.0.113.2"), outside.firstFree(Set.of("203.0.113.1")), "a gateway outside the range");
    assertEquals(2, outside.capacity());
  }

  @Test
  void theRecordRefusesWhatNoCheckedSettingGives() {
    assertThrows(IllegalArgumentException.class, () -> EipConfig.of("10.0.0.0/16", "br0", "10.0.0.1"));
    assertThrows(IllegalArgumentException.class, () -> EipConfig.of("198.51.100.0/24", "br0 x", "198.51.100.1"));
    assertThrows(IllegalArgumentException.class, () -> EipConfig.of("198.51.100.0/24", "br0", "198.51.100.255"));
  }
}
