package io.ecsbox.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MacAddressesTest {
  @Test
  void stableLocallyAdministeredUnicastFromTheId() {
    String mac = MacAddresses.forNic("eni-abc123");
    assertEquals(mac, MacAddresses.forNic("eni-abc123"));
    assertTrue(MacAddresses.isOurs(mac), mac);
    int first = Integer.parseInt(mac.substring(0, 2), 16);
    assertEquals(2, first & 3, "locally administered, unicast");
    assertNotEquals(mac, MacAddresses.forNic("eni-abc123", 1));
    assertNotEquals(mac, MacAddresses.forNic("eni-abc124"));
  }

  @Test
  void fewCollisionsOverManyIds() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      seen.add(MacAddresses.forNic("eni-" + i));
    }
    assertTrue(seen.size() >= 1999, "collisions: " + (2000 - seen.size()));
  }
}
