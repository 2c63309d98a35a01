package io.ecsbox.cli.common;

import io.ecsbox.client.WaitTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes. Time and sleeping are injected, so
 * tests run without waiting. Never polls faster than its interval; the last sleep is cut
 * short at the deadline, and the condition is checked once more there.
 */
public final class Waiter {
  /** Sleeps; tests replace it with one that advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public static final Sleeper THREAD_SLEEPER = d -> Thread.sleep(d.toMillis());

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;

  public Waiter(Clock clock, Sleeper sleeper, Duration interval) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = interval;
  }

  /**
   * Calls {@code done} with the time elapsed so far until it answers true.
   *
   * @param what describes the state we wait for, for the timeout message
   * @throws WaitTimeoutException when {@code timeout} passes first, or on interrupt
   */
  public void until(Duration timeout, Supplier<String> what, Predicate<Duration> done) {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    while (true) {
      Instant now = clock.instant();
      if (done.test(Duration.between(start, now))) {
        return;
      }
      if (!now.isBefore(deadline)) {
        throw new WaitTimeoutException(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
      }
      Duration left = Duration.between(now, deadline);
      try {
        sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WaitTimeoutException("interrupted while waiting for " + what.get());
      }
    }
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }
}
