package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox eni delete ID}: DeleteNetworkInterface. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete an Available (detached) ENI (DeleteNetworkInterface); its IP returns"
        + " to the vSwitch. An instance's primary NIC goes only with the instance.")
public final class EniDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ENI_ID", description = "ENI id (eni-...).")
  String eniId;

  public EniDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteNetworkInterface", new Params().put("NetworkInterfaceId", eniId));
    Reply.done(ctx, r, eniId + ": deleted");
    return ExitCodes.OK;
  }
}
