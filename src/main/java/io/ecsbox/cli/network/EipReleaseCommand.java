package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox eip release EIP}: ReleaseEipAddress. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Give an Available (unassociated) EIP back to the public range"
        + " (ReleaseEipAddress).")
public final class EipReleaseCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ALLOCATION_ID", description = "EIP allocation id (eip-...).")
  String allocationId;

  public EipReleaseCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("ReleaseEipAddress", new Params().put("AllocationId", allocationId));
    Reply.done(ctx, r, allocationId + ": released");
    return ExitCodes.OK;
  }
}
