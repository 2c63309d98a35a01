package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox sg create}: CreateSecurityGroup. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a security group in a VPC (CreateSecurityGroup) and print its id.",
      "A new group has no rules: it admits nothing from outside the group and lets everything"
          + " out. In a normal group members also reach each other; in an enterprise group they"
          + " do not unless a rule says so."
    })
public final class SgCreateCommand implements Callable<Integer> {
  /** SecurityGroupType. */
  enum GroupType {
    normal,
    enterprise
  }

  private final CliContext ctx;

  @Option(names = "--vpc", required = true, paramLabel = "VPC_ID", description = "VPC (vpc-...).")
  String vpcId;

  @Option(names = "--name", paramLabel = "NAME", description = "Group name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "${COMPLETION-CANDIDATES} (default: normal).")
  GroupType type;

  public SgCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("CreateSecurityGroup", new Params().put("VpcId", vpcId)
        .put("SecurityGroupName", name).put("Description", description)
        .put("SecurityGroupType", type));
    Net.printId(ctx, r, Json.text(r, "SecurityGroupId"));
    return ExitCodes.OK;
  }
}
