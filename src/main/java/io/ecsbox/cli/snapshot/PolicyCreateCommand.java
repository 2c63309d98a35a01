package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Reply;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ecsbox snapshot policy create}: CreateAutoSnapshotPolicy. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an automatic snapshot policy: a weekly schedule and how long its snapshots are"
          + " kept (CreateAutoSnapshotPolicy). Prints the policy id (sp-...).",
      "--hours and --weekdays are required; --retention-days defaults to -1 (keep).",
      "Apply it to disks with 'ecsbox snapshot policy apply'.",
      "Example: --name nightly --hours 2 --weekdays 1,2,3,4,5,6,7 --retention-days 7"
    })
public final class PolicyCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Mixin PolicyOptions policy;

  public PolicyCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    if (policy.hours.isEmpty() || policy.weekdays.isEmpty()) {
      throw new CommandLine.ParameterException(cmd,
          "A policy needs --hours and --weekdays, e.g. --hours 0,12 --weekdays 1,3,5.");
    }
    if (policy.retentionDays == null) {
      policy.retentionDays = -1;
    }
    JsonNode r = ctx.call("CreateAutoSnapshotPolicy", policy.toParams(cmd));
    Reply.done(ctx, r, Json.text(r, "AutoSnapshotPolicyId"));
    return ExitCodes.OK;
  }
}
