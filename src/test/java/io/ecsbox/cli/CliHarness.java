package io.ecsbox.cli;

import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code ecsbox} command lines in-process against a fake API and clock. */
public final class CliHarness {
  /** What one run produced. */
  public record Result(int exit, String out, String err) {}

  public final FakeClock clock = new FakeClock();
  private final Api api;
  private boolean tty;

  public CliHarness(Api api) {
    this.api = api;
  }

  public CliHarness tty(boolean tty) {
    this.tty = tty;
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err), () -> api, clock,
        clock.sleeper(), tty, Map.of());
    int exit = Main.run(ctx, args);
    return new Result(exit, out.toString(), err.toString());
  }
}
