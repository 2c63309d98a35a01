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

/** {@code ecsbox eni list}: DescribeNetworkInterfaces, every page, as a table. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List network interfaces (DescribeNetworkInterfaces), the instances' primary"
        + " ones included, with their private IP, MAC, instance and security groups.")
public final class EniListCommand implements Callable<Integer> {
  static final int PAGE_SIZE = 100;

  private final CliContext ctx;

  @Option(names = "--vpc", paramLabel = "VPC_ID", description = "Only ENIs in this VPC.")
  String vpcId;

  @Option(names = "--vswitch", paramLabel = "VSWITCH_ID", description = "Only ENIs in this vSwitch.")
  String vSwitchId;

  @Option(names = "--instance", paramLabel = "INSTANCE_ID", description = "Only ENIs of this instance.")
  String instanceId;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only ENIs in this state: Available, Attaching, InUse, Detaching, Deleting.")
  String status;

  public EniListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode r = Pages.all(ctx, "DescribeNetworkInterfaces", this::filters,
        "NetworkInterfaceSets", "NetworkInterfaceSet", PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "NetworkInterfaceSets", "NetworkInterfaceSet")));
    return ExitCodes.OK;
  }

  private Params filters() {
    return new Params().put("VpcId", vpcId).put("VSwitchId", vSwitchId)
        .put("InstanceId", instanceId).put("Status", status);
  }

  static Table table(List<JsonNode> enis) {
    Table t = new Table("ID", "NAME", "TYPE", "STATUS", "VSWITCH", "PRIVATE IP", "MAC",
        "INSTANCE", "SECURITY GROUPS");
    for (JsonNode n : enis) {
      t.row(Json.text(n, "NetworkInterfaceId"), Json.text(n, "NetworkInterfaceName"),
          Json.text(n, "Type"), Json.text(n, "Status"), Json.text(n, "VSwitchId"),
          Json.text(n, "PrivateIpAddress"), Json.text(n, "MacAddress"), Json.text(n, "InstanceId"),
          Net.joined(n, "SecurityGroupIds", "SecurityGroupId"));
    }
    return t;
  }
}
