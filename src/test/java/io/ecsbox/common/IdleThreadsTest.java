package io.ecsbox.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleThreadsTest {
  @Test
  void runsUpToNAtOnceAndEndsItsThreadsWhenIdle() throws Exception {
    ExecutorService pool = IdleThreads.fixed(2, Thread::new, Duration.ofMillis(100));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    for (int i = 0; i < 3; i++) {
      pool.execute(() -> {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    assertTrue(started.await(5, TimeUnit.SECONDS));
    ThreadPoolExecutor tpe = (ThreadPoolExecutor) pool;
    assertEquals(2, tpe.getPoolSize());
    assertEquals(1, tpe.getQueue().size()); // the third waits, as in a fixed pool
    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tpe.getPoolSize() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, tpe.getPoolSize());
    assertEquals(3, tpe.getCompletedTaskCount());
    pool.shutdown();
  }
}
