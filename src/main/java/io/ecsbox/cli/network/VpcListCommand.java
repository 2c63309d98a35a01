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

/** {@code ecsbox vpc list}: DescribeVpcs, every page, as a table. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List VPCs (DescribeVpcs) with their CIDR block, status and vSwitches.")
public final class VpcListCommand implements Callable<Integer> {
  static final int PAGE_SIZE = 50;

  private final CliContext ctx;

  public VpcListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode r = Pages.all(ctx, "DescribeVpcs", Params::new, "Vpcs", "Vpc", PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "Vpcs", "Vpc")));
    return ExitCodes.OK;
  }

  static Table table(List<JsonNode> vpcs) {
    Table t = new Table("ID", "NAME", "CIDR", "STATUS", "DEFAULT", "VSWITCHES", "CREATED");
    for (JsonNode v : vpcs) {
      t.row(Json.text(v, "VpcId"), Json.text(v, "VpcName"), Json.text(v, "CidrBlock"),
          Json.text(v, "Status"), Json.text(v, "IsDefault"), Net.joined(v, "VSwitchIds", "VSwitchId"),
          Json.text(v, "CreationTime"));
    }
    return t;
  }
}
