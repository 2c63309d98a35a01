package io.ecsbox.common;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Thread pools that give their threads back when idle: a daemon that waits keeps none of them. */
public final class IdleThreads {
  /** How long a pool's thread waits for work before it ends. */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

  private IdleThreads() {}

  /** Like {@code Executors.newFixedThreadPool(n, factory)}, with threads that end after {@link #KEEP_ALIVE} idle. */
  public static ThreadPoolExecutor fixed(int n, ThreadFactory factory) {
    return fixed(n, factory, KEEP_ALIVE);
  }

  static ThreadPoolExecutor fixed(int n, ThreadFactory factory, Duration keepAlive) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
