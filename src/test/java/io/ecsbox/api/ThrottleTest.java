package io.ecsbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The token bucket: burst at once, then the rate, per account, on an injected clock. */
class ThrottleTest {
  private long nowMs = 1_000_000;
  private final InstantSource clock = () -> Instant.ofEpochMilli(nowMs);

  private int granted(Throttle t, String account, int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      n += t.tryAcquire(account) ? 1 : 0;
    }
    return n;
  }

  @Test
  void aBurstGoesThroughThenTheBucketIsEmpty() {
    Throttle t = new Throttle(100, 200, clock);
    assertEquals(200, granted(t, "a", 500));
    assertFalse(t.tryAcquire("a"));
  }

  @Test
  void theBucketRefillsAtTheRateUpToTheBurst() {
    Throttle t = new Throttle(100, 200, clock);
    granted(t, "a", 200);
    nowMs += 50; // 5 calls' worth
    assertEquals(5, granted(t, "a", 50));
    nowMs += 10; // 1 call
    assertEquals(1, granted(t, "a", 50));
    nowMs += 3_600_000; // an hour idle refills to the burst, not beyond
    assertEquals(200, granted(t, "a", 1000));
  }

  @Test
  void accountsHaveTheirOwnBuckets() {
    Throttle t = new Throttle(1, 3, clock);
    assertEquals(3, granted(t, "a", 10));
    assertEquals(3, granted(t, "b", 10));
    assertFalse(t.tryAcquire("a"));
  }

  @Test
  void aClockSteppingBackNeitherRefillsNorBreaks() {
    Throttle t = new Throttle(10, 2, clock);
    granted(t, "a", 2);
    nowMs -= 60_000;
    assertFalse(t.tryAcquire("a"));
    nowMs += 60_000 + 100; // the refill counts from the latest time seen
    assertEquals(1, granted(t, "a", 5));
  }

  @Test
  void rateZeroIsOff() {
    Throttle t = new Throttle(0, 1, clock);
    assertEquals(10_000, granted(t, "a", 10_000));
    assertTrue(Throttle.off().tryAcquire("x"));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Throttle(-1, 1, clock));
    assertThrows(IllegalArgumentException.class, () -> new Throttle(1, 0, clock));
  }
}
