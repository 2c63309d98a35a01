package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox sg delete ID}: DeleteSecurityGroup. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a security group (DeleteSecurityGroup); it must have no members and"
        + " no other group's rules may name it.")
public final class SgDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "SG_ID", description = "Security group id (sg-...).")
  String groupId;

  public SgDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteSecurityGroup", new Params().put("SecurityGroupId", groupId));
    Reply.done(ctx, r, groupId + ": deleted");
    return ExitCodes.OK;
  }
}
