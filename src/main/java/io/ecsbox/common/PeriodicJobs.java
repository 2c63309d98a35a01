package io.ecsbox.common;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's background jobs on one timer. A job that throws is logged with its name and
 * how many rounds in a row failed, and runs again next round: an executor would otherwise drop
 * a task after its first exception, silently and for good. When it succeeds again, that is
 * logged too.
 */
public final class PeriodicJobs {
  private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

  private final ScheduledExecutorService timer;

  public PeriodicJobs(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Runs {@code job} every {@code period}, the first time one period from now. */
  public void every(Duration period, String name, Runnable job) {
    long ms = period.toMillis();
    timer.scheduleWithFixedDelay(guarded(name, job), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** {@code job} wrapped so that no exception or error escapes it. */
  static Runnable guarded(String name, Runnable job) {
    int[] failures = {0};
    return () -> {
      try {
        job.run();
        if (failures[0] > 0) {
          log.info("{}: works again after {} failed round(s)", name, failures[0]);
          failures[0] = 0;
        }
      } catch (RuntimeException | Error e) { // an Error too: a job must never stop for good
        failures[0]++;
        log.warn("{}: round failed ({} in a row), retried next round: {}", name, failures[0], e.toString(), e);
      }
    };
  }
}
