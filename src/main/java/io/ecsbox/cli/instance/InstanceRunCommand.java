package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Progress;
import io.ecsbox.client.Json;
import io.ecsbox.client.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecsbox instance run}: RunInstances, optionally waiting until the guests are up. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Launch instances: create them from an image and start them (RunInstances).",
      "Prints the new instance ids. With --wait, also waits until every instance is Running"
          + " and its guest is ready: it printed on the serial console a line starting"
          + " ECSBOX-READY (the tiny test image) or cloud-init's last line, \"Cloud-init v. ..."
          + " finished at ...\" (cloud-init images such as ecsbox-debian-12), whichever comes"
          + " first; then prints those lines. For an image that prints neither, use --no-ready."
    })
public final class InstanceRunCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Mixin LaunchOptions launch;

  @Option(
      names = "--amount",
      defaultValue = "1",
      paramLabel = "N",
      description = "How many identical instances to launch (default: ${DEFAULT-VALUE}).")
  int amount;

  @Option(
      names = "--public-bandwidth",
      paramLabel = "Mbps",
      description = "Give each instance a public IP with this outbound limit, 1-100 Mbit/s"
          + " (InternetMaxBandwidthOut; needs the operator's public range).")
  Integer publicBandwidth;

  @Option(names = "--wait", description = "Wait until the instances are up (see above).")
  boolean wait;

  @Option(
      names = "--no-ready",
      description = "With --wait, stop waiting once all are Running; skip the ready-line"
          + " check (for images that print neither ECSBOX-READY nor cloud-init's finished line).")
  boolean noReady;

  @Option(
      names = "--timeout",
      defaultValue = "600",
      paramLabel = "SECONDS",
      description = "Give up waiting after this long; exit code 4 (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  public InstanceRunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Params p = launch.toParams(spec.commandLine()).put("Amount", amount)
        .put("InternetMaxBandwidthOut", publicBandwidth);
    JsonNode r = ctx.call("RunInstances", p);
    List<String> ids = Json.list(r, "InstanceIdSets", "InstanceIdSet").stream()
        .map(JsonNode::asText).toList();
    if (!ctx.json()) {
      ids.forEach(ctx.out()::println);
      ctx.out().flush();
    }
    if (!wait) {
      if (ctx.json()) {
        ctx.out().print(Json.pretty(r));
        ctx.out().flush();
      }
      return ExitCodes.OK;
    }
    LaunchWatcher watcher = waitUntilUp(ids);
    Map<String, String> ready = watcher.readyLines();
    Map<String, String> failed = watcher.failures();
    if (ctx.json()) {
      ObjectNode out = r.deepCopy();
      ObjectNode lines = out.putObject("ReadyLines");
      ready.forEach(lines::put);
      ObjectNode failures = out.putObject("Failures");
      failed.forEach(failures::put);
      ctx.out().print(Json.pretty(out));
    } else {
      ready.forEach((id, line) -> ctx.out().println(id + ": " + line));
    }
    ctx.out().flush();
    failed.forEach((id, why) -> ctx.err().println("Error: " + id + ": " + why));
    ctx.err().flush();
    return failed.isEmpty() ? ExitCodes.OK : ExitCodes.API_ERROR;
  }

  private LaunchWatcher waitUntilUp(List<String> ids) {
    LaunchWatcher watcher = new LaunchWatcher(ctx.api(), ids, !noReady);
    Progress progress = ctx.progress();
    try {
      ctx.waiter().until(
          Duration.ofSeconds(timeoutSeconds),
          () -> "instances " + String.join(", ", ids) + " (" + watcher.summary() + ")",
          elapsed -> {
            boolean done = watcher.poll();
            progress.update(watcher.summary(), elapsed);
            return done;
          });
    } catch (WaitTimeoutException e) {
      if (watcher.runningNotReady()) {
        throw new WaitTimeoutException(e.getMessage() + "; a Running instance printed no ready line"
            + " (ECSBOX-READY, or cloud-init's \"Cloud-init v. ... finished at\") on its console:"
            + " see `ecsbox instance console ID`; for an image that prints neither, use --no-ready");
      }
      throw e;
    } finally {
      progress.done();
    }
    return watcher;
  }
}
