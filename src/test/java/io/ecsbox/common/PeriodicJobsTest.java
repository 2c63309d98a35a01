package io.ecsbox.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicJobsTest {
  @Test
  void aJobThatThrowsRunsAgainNextRound() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicInteger rounds = new AtomicInteger();
      CountDownLatch fifth = new CountDownLatch(5);
      new PeriodicJobs(timer).every(Duration.ofMillis(5), "flaky", () -> {
        int n = rounds.incrementAndGet();
        fifth.countDown();
        switch (n % 3) {
          case 1 -> throw new IllegalStateException("round " + n);
          case 2 -> throw new AssertionError("round " + n);
          default -> { }
        }
      });
      assertTrue(fifth.await(10, TimeUnit.SECONDS), "ran " + rounds.get() + " rounds: stopped after a failure");
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void theGuardLetsNothingOut() {
    PeriodicJobs.guarded("x", () -> {
      throw new StackOverflowError();
    }).run();
    PeriodicJobs.guarded("x", () -> {
      throw new RuntimeException(new Exception("cause"));
    }).run();
  }
}
