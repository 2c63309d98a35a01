package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Pages;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox sg list}: DescribeSecurityGroups, every page, as a table. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List security groups (DescribeSecurityGroups) with their VPC, type and how"
        + " many network interfaces are in them.")
public final class SgListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--vpc", paramLabel = "VPC_ID", description = "Only groups of this VPC.")
  String vpcId;

  public SgListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode r = Pages.all(ctx, "DescribeSecurityGroups", () -> new Params().put("VpcId", vpcId),
        "SecurityGroups", "SecurityGroup", VpcListCommand.PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "SecurityGroups", "SecurityGroup")));
    return ExitCodes.OK;
  }

  static Table table(List<JsonNode> groups) {
    Table t = new Table("ID", "NAME", "TYPE", "VPC", "MEMBERS", "CREATED");
    for (JsonNode g : groups) {
      t.row(Json.text(g, "SecurityGroupId"), Json.text(g, "SecurityGroupName"),
          Json.text(g, "SecurityGroupType"), Json.text(g, "VpcId"), Json.text(g, "EcsCount"),
          Json.text(g, "CreationTime"));
    }
    return t;
  }
}
