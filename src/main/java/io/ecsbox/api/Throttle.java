package io.ecsbox.api;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-account request throttling: a token bucket per account that holds at most {@code burst}
 * calls and refills at {@code perSecond} calls a second. A rate of 0 turns throttling off.
 * Thread-safe; the clock is injected so tests drive time.
 */
public final class Throttle {
  private final double perSecond;
  private final double burst;
  private final InstantSource clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public Throttle(int perSecond, int burst, InstantSource clock) {
    if (perSecond < 0 || burst < 1) {
      throw new IllegalArgumentException("rate " + perSecond + " and burst " + burst + ": need rate >= 0, burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** No throttling at all. */
  public static Throttle off() {
    return new Throttle(0, 1, InstantSource.system());
  }

  /** Takes one call from {@code account}'s bucket: false when it is empty (the call is refused). */
  public boolean tryAcquire(String account) {
    if (perSecond == 0) {
      return true;
    }
    long now = clock.millis();
    return buckets.computeIfAbsent(account, a -> new Bucket(now)).take(now);
  }

  private final class Bucket {
    private double tokens = burst;
    private long last;

    Bucket(long now) {
      last = now;
    }

    synchronized boolean take(long now) {
      // a clock stepping back refills nothing, rather than draining the bucket
      tokens = Math.min(burst, tokens + Math.max(0, now - last) * perSecond / 1000.0);
      last = Math.max(last, now);
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
