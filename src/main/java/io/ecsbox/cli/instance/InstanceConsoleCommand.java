package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.Json;
import io.ecsbox.client.WaitTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox instance console ID}: the guest's serial console log, once or followed. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Print what the instance wrote on its serial console since it last started"
          + " (GetInstanceConsoleOutput): boot messages, and the ECSBOX-READY line.",
      "With --follow, keep printing new output every second until Ctrl-C."
    })
public final class InstanceConsoleCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ID", description = "Instance id (i-...).")
  String id;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new output until Ctrl-C.")
  boolean follow;

  public InstanceConsoleCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = fetch();
    if (ctx.json() && !follow) {
      ctx.out().print(Json.pretty(r));
      ctx.out().flush();
      return ExitCodes.OK;
    }
    String shown = decode(r);
    ctx.out().print(shown);
    ctx.out().flush();
    while (follow) {
      sleep();
      String now = decode(fetch());
      ctx.out().print(newText(shown, now));
      ctx.out().flush();
      shown = now;
    }
    return ExitCodes.OK;
  }

  /** What to print when the log went from {@code before} to {@code now}. */
  static String newText(String before, String now) {
    // A restart begins a new log: print it whole.
    return now.startsWith(before) ? now.substring(before.length()) : now;
  }

  private JsonNode fetch() {
    return ctx.api().call("GetInstanceConsoleOutput", Map.of("InstanceId", id));
  }

  private static String decode(JsonNode r) {
    return Json.decodeBase64(Json.text(r, "ConsoleOutput"));
  }

  private void sleep() {
    try {
      ctx.waiter().sleeper().sleep(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WaitTimeoutException("interrupted");
    }
  }
}
