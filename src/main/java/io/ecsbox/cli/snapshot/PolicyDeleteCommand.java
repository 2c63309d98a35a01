package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox snapshot policy delete ID}: DeleteAutoSnapshotPolicy. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete an automatic snapshot policy (DeleteAutoSnapshotPolicy); the disks"
        + " using it stop taking automatic snapshots. Snapshots already taken are kept.")
public final class PolicyDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "POLICY_ID", description = "Policy id (sp-...).")
  String policyId;

  public PolicyDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteAutoSnapshotPolicy",
        new Params().put("autoSnapshotPolicyId", policyId));
    Reply.done(ctx, r, policyId + ": deleted");
    return ExitCodes.OK;
  }
}
