package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox vpc delete ID}: DeleteVpc. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a VPC (DeleteVpc); delete its vSwitches and security groups first.")
public final class VpcDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "VPC_ID", description = "VPC id (vpc-...).")
  String vpcId;

  public VpcDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteVpc", new Params().put("VpcId", vpcId));
    Reply.done(ctx, r, vpcId + ": deleted");
    return ExitCodes.OK;
  }
}
