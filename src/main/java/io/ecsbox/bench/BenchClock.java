package io.ecsbox.bench;

/** The polling interval both sides of a benchmark use, so neither is favoured. */
final class BenchClock {
  static final long POLL_MS = 250;

  private BenchClock() {}
}
