package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox vswitch delete ID}: DeleteVSwitch. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a vSwitch (DeleteVSwitch); no instance or ENI may still use it.")
public final class VSwitchDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "VSWITCH_ID", description = "vSwitch id (vsw-...).")
  String vSwitchId;

  public VSwitchDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteVSwitch", new Params().put("VSwitchId", vSwitchId));
    Reply.done(ctx, r, vSwitchId + ": deleted");
    return ExitCodes.OK;
  }
}
