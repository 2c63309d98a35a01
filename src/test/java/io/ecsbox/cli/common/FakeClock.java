package io.ecsbox.cli.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when told; its {@link #sleeper()} advances it instead of sleeping. */
public final class FakeClock extends Clock {
  private Instant now = Instant.parse("2024-05-01T10:00:00Z");

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public Waiter.Sleeper sleeper() {
    return this::advance;
  }
}
