package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesHostAndPort() {
    assertEquals(new HostPort("0.0.0.0", 18080), HostPort.parse("0.0.0.0:18080"));
    assertEquals(new HostPort("::1", 80), HostPort.parse("[::1]:80"));
  }

  @Test
  void rejectsBadAddresses() {
    for (String bad : new String[] {"18080", "host:", "host:x", "host:70000", "::1:80"}) {
      assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad), bad);
    }
  }
}
