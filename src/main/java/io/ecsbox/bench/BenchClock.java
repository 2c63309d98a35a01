package io.ecsbox.bench;

/** The polling interval both sides of a benchmark use, so neither is favoured. */
final class BenchClock {
  static final long POLL_MS = 1000; // polling 100 consoles faster costs the guests CPU on a small host

  private BenchClock() {}
}
