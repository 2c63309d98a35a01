package io.ecsbox.bench;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves {@code stepNanos} at each read and jumps over pauses; no test waits. */
final class FakeTicker implements BenchTicker {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final long stepNanos;

  FakeTicker(long stepNanos) {
    this.stepNanos = stepNanos;
  }

  @Override
  public long nanos() {
    return now.addAndGet(stepNanos);
  }

  @Override
  public void pause(long millis) {
    now.addAndGet(millis * 1_000_000);
  }
}
