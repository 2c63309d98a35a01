package io.ecsbox.cli;

import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Waiter;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The {@code ecsbox} entry point (the jar's Main-Class). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line against the real environment; answers the exit code. */
  static int run(String... args) {
    Map<String, String> env = System.getenv();
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    CliContext ctx = new CliContext(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        err,
        profile -> clientFor(env, profile, err),
        config -> EcsClient.of(config, err::println)::call,
        Clock.systemUTC(),
        Waiter.THREAD_SLEEPER,
        System.console() != null,
        env);
    return run(ctx, args);
  }

  /** Runs one command line in {@code ctx} (tests pass a fake API and clock). */
  public static int run(CliContext ctx, String... args) {
    return CommandTree.forArgs(ctx, args).execute(args);
  }

  static Api clientFor(Map<String, String> env, String profile, PrintWriter err) {
    ClientConfig config = ClientConfig.resolve(env, Path.of(System.getProperty("user.home")), profile);
    return EcsClient.forCommand(config, err::println)::call;
  }
}
