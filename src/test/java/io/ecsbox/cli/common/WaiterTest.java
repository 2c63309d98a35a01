package io.ecsbox.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.client.WaitTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaiterTest {
  private final FakeClock clock = new FakeClock();
  private final Waiter waiter = new Waiter(clock, clock.sleeper(), Duration.ofSeconds(2));

  @Test
  void pollsAtTheIntervalUntilTheConditionHolds() {
    List<Long> seen = new ArrayList<>();
    waiter.until(Duration.ofSeconds(60), () -> "x", elapsed -> {
      seen.add(elapsed.toSeconds());
      return seen.size() == 3;
    });
    assertEquals(List.of(0L, 2L, 4L), seen);
  }

  @Test
  void timesOutAtTheDeadlineAfterALastCheck() {
    List<Long> seen = new ArrayList<>();
    WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
        () -> waiter.until(Duration.ofSeconds(5), () -> "the moon", elapsed -> {
          seen.add(elapsed.toSeconds());
          return false;
        }));
    assertEquals(List.of(0L, 2L, 4L, 5L), seen);
    assertTrue(e.getMessage().contains("timed out after 5 s waiting for the moon"), e.getMessage());
  }
}
