package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox snapshot policy apply POLICY DISK...}: ApplyAutoSnapshotPolicy. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Put disks on an automatic snapshot policy (ApplyAutoSnapshotPolicy); a disk"
        + " on another policy moves to this one.")
public final class PolicyApplyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "POLICY_ID", description = "Policy id (sp-...).")
  String policyId;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "DISK_ID",
      description = "Disks to apply it to (d-...).")
  List<String> diskIds = new ArrayList<>();

  public PolicyApplyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("ApplyAutoSnapshotPolicy", new Params()
        .put("autoSnapshotPolicyId", policyId).jsonArray("diskIds", diskIds));
    Reply.done(ctx, r, policyId + ": applied to " + String.join(", ", diskIds));
    return ExitCodes.OK;
  }
}
