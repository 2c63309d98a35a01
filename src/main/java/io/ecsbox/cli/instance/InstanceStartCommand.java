package io.ecsbox.cli.instance;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import picocli.CommandLine.Command;

/** {@code ecsbox instance start}: StartInstance / StartInstances. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start stopped instances (StartInstance/StartInstances).",
      "With --wait, waits until they are Running."
    })
public final class InstanceStartCommand extends PowerCommand {
  public InstanceStartCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  String action() {
    return "StartInstance";
  }

  @Override
  Params extra() {
    return new Params();
  }

  @Override
  String goal() {
    return "Running";
  }

  @Override
  String requested() {
    return "start requested";
  }
}
