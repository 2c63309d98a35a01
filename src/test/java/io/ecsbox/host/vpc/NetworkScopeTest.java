package io.ecsbox.host.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkScopeTest {
  @Test
  void eachDataDirHasItsOwnStableScope() {
    assertEquals("main", NetworkScope.tagFor(Path.of("/var/lib/ecsbox/"), Map.of()));
    String a = NetworkScope.tagFor(Path.of("/var/lib/ecsbox-it/s1/vpc-1"), Map.of());
    assertEquals(a, NetworkScope.tagFor(Path.of("/var/lib/ecsbox-it/s1/vpc-1"), Map.of()));
    assertNotEquals(a, NetworkScope.tagFor(Path.of("/var/lib/ecsbox-it/s1/vpc-2"), Map.of()));
    assertTrue(a.matches("d[a-z2-7]{11}"), a);
    new LinuxNames(a); // a valid scope tag
  }

  @Test
  void theEnvironmentOverridesAndIsValidated() {
    assertEquals("lab1", NetworkScope.tagFor(Path.of("/x"), Map.of("ECSBOX_NETWORK_TAG", "lab1")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkScope.tagFor(Path.of("/x"), Map.of("ECSBOX_NETWORK_TAG", "Bad-Tag")));
    assertTrue(e.getMessage().contains("ECSBOX_NETWORK_TAG"));
  }
}
