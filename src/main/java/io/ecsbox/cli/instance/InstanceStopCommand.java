package io.ecsbox.cli.instance;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox instance stop}: StopInstance / StopInstances. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop running instances (StopInstance/StopInstances): the guest is asked to shut down.",
      "With --wait, waits until they are Stopped."
    })
public final class InstanceStopCommand extends PowerCommand {
  @Option(
      names = "--force",
      description = "Power off at once instead of asking the guest to shut down.")
  boolean force;

  public InstanceStopCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  String action() {
    return "StopInstance";
  }

  @Override
  Params extra() {
    return new Params().flag("ForceStop", force);
  }

  @Override
  String goal() {
    return "Stopped";
  }

  @Override
  String requested() {
    return "stop requested";
  }
}
