package io.ecsbox.bench;

/** The clock and the pause between polls of a benchmark, behind an interface so tests need no time. */
public interface BenchTicker {
  BenchTicker SYSTEM = new BenchTicker() {
    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public void pause(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }
  };

  long nanos();

  void pause(long millis) throws InterruptedException;

  /** Milliseconds since {@code t0} (a {@link #nanos} value). */
  default double millisSince(long t0) {
    return (nanos() - t0) / 1e6;
  }
}
