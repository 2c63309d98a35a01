package io.ecsbox.host.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What systemd's variables mean for the notifier (the messages themselves: SystemdIT). */
class SdNotifyTest {
  @Test
  void noSocketNoNotifier() {
    assertTrue(SdNotify.fromEnvironment(Map.of()).isEmpty());
    assertTrue(SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "")).isEmpty());
    assertTrue(SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "relative/path")).isEmpty());
    assertTrue(SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify")).isPresent());
  }

  @Test
  void theWatchdogIsOursOnlyWhenItsPidIsOursOrUnset() {
    assertEquals(Optional.of(Duration.ofSeconds(30)), SdNotify.watchdog(Map.of("WATCHDOG_USEC", "30000000"), 7));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        SdNotify.watchdog(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 7));
    assertEquals(Optional.empty(), SdNotify.watchdog(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "8"), 7));
    assertEquals(Optional.empty(), SdNotify.watchdog(Map.of("WATCHDOG_USEC", "0"), 7));
    assertEquals(Optional.empty(), SdNotify.watchdog(Map.of("WATCHDOG_USEC", "soon"), 7));
    assertEquals(Optional.empty(), SdNotify.watchdog(Map.of(), 7));
  }

  @Test
  void addressesForPathsAndTheAbstractNamespace() {
    assertArrayEquals(new byte[] {1, 0, '/', 'n', 0}, SdNotify.address("/n"));
    assertArrayEquals(new byte[] {1, 0, 0, 'n'}, SdNotify.address("@n"));
    assertThrows(IllegalArgumentException.class, () -> SdNotify.address("/" + "x".repeat(107)));
  }
}
