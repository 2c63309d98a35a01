package io.ecsbox.cli.instance;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox instance delete}: DeleteInstance / DeleteInstances. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete instances and their system disks (DeleteInstance/DeleteInstances).",
      "An instance must be Stopped unless --force. With --wait, waits until they are gone."
    })
public final class InstanceDeleteCommand extends PowerCommand {
  @Option(
      names = "--force",
      description = "Also delete instances that are still running.")
  boolean force;

  public InstanceDeleteCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  String action() {
    return "DeleteInstance";
  }

  @Override
  Params extra() {
    return new Params().flag("Force", force);
  }

  @Override
  String goal() {
    return null;
  }

  @Override
  String requested() {
    return "delete requested";
  }
}
