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

/** {@code ecsbox vswitch list}: DescribeVSwitches, every page, as a table. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List vSwitches (DescribeVSwitches) with their VPC, zone, CIDR block and free"
        + " addresses.")
public final class VSwitchListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--vpc", paramLabel = "VPC_ID", description = "Only vSwitches of this VPC.")
  String vpcId;

  @Option(names = "--zone", paramLabel = "ZONE_ID", description = "Only vSwitches in this zone.")
  String zoneId;

  public VSwitchListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode r = Pages.all(ctx, "DescribeVSwitches",
        () -> new Params().put("VpcId", vpcId).put("ZoneId", zoneId), "VSwitches", "VSwitch",
        VpcListCommand.PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "VSwitches", "VSwitch")));
    return ExitCodes.OK;
  }

  static Table table(List<JsonNode> vSwitches) {
    Table t = new Table("ID", "NAME", "VPC", "ZONE", "CIDR", "FREE IPS", "STATUS", "DEFAULT",
        "CREATED");
    for (JsonNode v : vSwitches) {
      t.row(Json.text(v, "VSwitchId"), Json.text(v, "VSwitchName"), Json.text(v, "VpcId"),
          Json.text(v, "ZoneId"), Json.text(v, "CidrBlock"),
          Json.text(v, "AvailableIpAddressCount"), Json.text(v, "Status"),
          Json.text(v, "IsDefault"), Json.text(v, "CreationTime"));
    }
    return t;
  }
}
