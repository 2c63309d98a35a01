package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Progress;
import io.ecsbox.client.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Base of start, stop, reboot and delete: one id uses the singular action with
 * {@code InstanceId}, several the plural one with {@code InstanceId.N}; {@code --wait} polls
 * until every instance reached the goal state (or is gone, for delete).
 */
abstract class PowerCommand implements Callable<Integer> {
  protected final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Instance ids (i-...).")
  List<String> ids = new ArrayList<>();

  @Option(names = "--wait", description = "Wait until the operation finished.")
  boolean wait;

  @Option(
      names = "--timeout",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description = "Give up waiting after this long; exit code 4 (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  PowerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Singular action name, e.g. StopInstance; the plural adds an "s". */
  abstract String action();

  /** Extra parameters such as ForceStop. */
  abstract Params extra();

  /** The status we wait for, or null when the instances should disappear. */
  abstract String goal();

  /** Past tense shown without --wait, e.g. "stop requested". */
  abstract String requested();

  @Override
  public Integer call() {
    Params p = extra();
    if (ids.size() == 1) {
      p.put("InstanceId", ids.get(0));
    } else {
      p.repeat("InstanceId", ids);
    }
    String act = ids.size() == 1 ? action() : action() + "s";
    JsonNode r = ctx.call(act, p);
    List<JsonNode> responses = Json.list(r, "InstanceResponses", "InstanceResponse");
    List<String> failed = responses.stream()
        .filter(x -> !succeeded(Json.text(x, "Code")))
        .map(x -> Json.text(x, "InstanceId") + ": " + Json.text(x, "Code") + ": "
            + Json.text(x, "Message"))
        .toList();
    if (!failed.isEmpty()) {
      ctx.print(r, () -> ResultTable.of(responses));
      failed.forEach(f -> ctx.err().println("Error: " + f));
      ctx.err().flush();
      return ExitCodes.API_ERROR;
    }
    if (wait) {
      Map<String, String> stoppedByHost = waitForGoal();
      if (!stoppedByHost.isEmpty()) {
        stoppedByHost.forEach((id, why) -> ctx.err().println("Error: " + id + ": " + why));
        ctx.err().flush();
        return ExitCodes.API_ERROR;
      }
    }
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      String done = !wait ? requested() : goal() == null ? "deleted" : goal();
      ids.forEach(id -> ctx.out().println(id + ": " + done));
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }

  private static boolean succeeded(String code) {
    return code == null || code.isEmpty() || "200".equals(code);
  }

  /** Waits for the goal; answers the instances the host stopped instead (id: code: message). */
  private Map<String, String> waitForGoal() {
    Progress progress = ctx.progress();
    String goal = goal() == null ? "deleted" : goal();
    int[] reached = new int[1];
    Map<String, String> failed = new LinkedHashMap<>();
    try {
      ctx.waiter().until(
          Duration.ofSeconds(timeoutSeconds),
          () -> String.join(", ", ids) + " to be " + goal + " (" + reached[0] + "/" + ids.size()
              + " so far)",
          elapsed -> {
            Map<String, InstanceStates.State> states = InstanceStates.of(ctx.api(), ids);
            reached[0] = 0;
            for (String id : ids) {
              InstanceStates.State s = states.get(id);
              if (goal() == null ? s == null : goal().equals(s == null ? null : s.status())) {
                reached[0]++;
              } else if (s != null && "Running".equals(goal()) && s.failed()) {
                failed.put(id, s.failure()); // a start the host could not do: waiting longer is pointless
              }
            }
            progress.update(reached[0] + "/" + ids.size() + " " + goal
                + (failed.isEmpty() ? "" : ", " + failed.size() + " failed"), elapsed);
            return reached[0] + failed.size() == ids.size();
          });
    } finally {
      progress.done();
    }
    return failed;
  }
}
