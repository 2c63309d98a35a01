package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecsbox snapshot policy modify ID}: ModifyAutoSnapshotPolicyEx. */
@Command(
    name = "modify",
    mixinStandardHelpOptions = true,
    description = "Change an automatic snapshot policy's name, schedule or retention"
        + " (ModifyAutoSnapshotPolicyEx); disks using it follow the new schedule at once."
        + " Options left out stay as they are.")
public final class PolicyModifyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "POLICY_ID", description = "Policy id (sp-...).")
  String policyId;

  @Mixin PolicyOptions policy;

  public PolicyModifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (policy.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Nothing to change: give --name, --hours, --weekdays or --retention-days.");
    }
    JsonNode r = ctx.call("ModifyAutoSnapshotPolicyEx",
        policy.toParams(spec.commandLine()).put("autoSnapshotPolicyId", policyId));
    Reply.done(ctx, r, policyId + ": modified");
    return ExitCodes.OK;
  }
}
