package io.ecsbox.network.eip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ECSBOX_EIP_* parsing: defaults, and errors that name the variable. */
class EipConfigTest {

  private static String error(Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> EipConfig.fromEnv(env)).getMessage();
  }

  @Test
  void unsetMeansDisabled() {
    assertEquals(Optional.empty(), EipConfig.fromEnv(Map.of()));
    assertEquals(Optional.empty(), EipConfig.fromEnv(Map.of("ECSBOX_EIP_CIDR", " ")));
  }

  @Test
  void gatewayDefaultsToTheFirstUsableAddressWhichIsNeverAllocated() {
    EipConfig c = EipConfig.fromEnv(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24", "ECSBOX_EIP_UPLINK", "br-pub"))
        .orElseThrow();
    assertEquals("198.51.100.1", c.gatewayAddress());
    assertEquals("br-pub", c.uplink());
    assertEquals(Optional.of("198.51.100.2"), c.firstFree(Set.of()));
    assertEquals(Optional.of("198.51.100.4"), c.firstFree(Set.of("198.51.100.2", "198.51.100.3")));
    assertEquals(253, c.capacity());
  }

  @Test
  void allocationSkipsNetworkBroadcastAndAGivenGateway() {
    EipConfig c = EipConfig.fromEnv(Map.of("ECSBOX_EIP_CIDR", "203.0.113.0/30", "ECSBOX_EIP_UPLINK", "br0",
        "ECSBOX_EIP_GATEWAY", "203.0.113.2")).orElseThrow();
    assertEquals(Optional.of("203.0.113.1"), c.firstFree(Set.of()));
    assertEquals(Optional.empty(), c.firstFree(Set.of("203.0.113.1")), ".0 network, .2 gateway, .3 broadcast");
    EipConfig outside = EipConfig.fromEnv(Map.of("ECSBOX_EIP_CIDR", "203.0.113.0/30", "ECSBOX_EIP_UPLINK", "br0",
        "ECSBOX_EIP_GATEWAY", "192.0.2.1")).orElseThrow();
    assertEquals(Optional.of("203.0.113.2"), outside.firstFree(Set.of("203.0.113.1")), "a gateway outside the range");
    assertEquals(2, outside.capacity());
  }

  @Test
  void badValuesNameTheVariable() {
    assertTrue(error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24")).startsWith("ECSBOX_EIP_UPLINK must be set"));
    assertTrue(error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.1/24", "ECSBOX_EIP_UPLINK", "br0"))
        .startsWith("ECSBOX_EIP_CIDR must be an IPv4 block"));
    assertTrue(error(Map.of("ECSBOX_EIP_CIDR", "nonsense", "ECSBOX_EIP_UPLINK", "br0"))
        .startsWith("ECSBOX_EIP_CIDR must be an IPv4 block"));
    assertTrue(error(Map.of("ECSBOX_EIP_CIDR", "10.0.0.0/16", "ECSBOX_EIP_UPLINK", "br0"))
        .startsWith("ECSBOX_EIP_CIDR must be a /20 to /30 block"));
    assertTrue(error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24", "ECSBOX_EIP_UPLINK", "br0 x"))
        .startsWith("ECSBOX_EIP_UPLINK must name a Linux bridge"));
    assertTrue(error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24", "ECSBOX_EIP_UPLINK", "br0",
        "ECSBOX_EIP_GATEWAY", "198.51.100.300")).startsWith("ECSBOX_EIP_GATEWAY must be an IPv4 address"));
    assertTrue(error(Map.of("ECSBOX_EIP_CIDR", "198.51.100.0/24", "ECSBOX_EIP_UPLINK", "br0",
        "ECSBOX_EIP_GATEWAY", "198.51.100.255")).startsWith("ECSBOX_EIP_GATEWAY must not be the network or broadcast"));
    assertTrue(error(Map.of("ECSBOX_EIP_UPLINK", "br0")).startsWith("ECSBOX_EIP_UPLINK is set but ECSBOX_EIP_CIDR"));
  }
}
