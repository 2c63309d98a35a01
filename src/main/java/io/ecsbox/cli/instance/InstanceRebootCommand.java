package io.ecsbox.cli.instance;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox instance reboot}: RebootInstance / RebootInstances. */
@Command(
    name = "reboot",
    mixinStandardHelpOptions = true,
    description = {
      "Restart running instances (RebootInstance/RebootInstances).",
      "With --wait, waits until they are Running again."
    })
public final class InstanceRebootCommand extends PowerCommand {
  @Option(
      names = "--force",
      description = "Power-cycle at once instead of asking the guest to reboot.")
  boolean force;

  public InstanceRebootCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  String action() {
    return "RebootInstance";
  }

  @Override
  Params extra() {
    return new Params().flag("ForceStop", force);
  }

  @Override
  String goal() {
    return "Running";
  }

  @Override
  String requested() {
    return "reboot requested";
  }
}
