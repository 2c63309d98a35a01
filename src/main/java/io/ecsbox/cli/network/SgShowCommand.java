package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox sg show ID}: DescribeSecurityGroupAttribute, the group and its rules. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a security group and its rules (DescribeSecurityGroupAttribute).")
public final class SgShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "SG_ID", description = "Security group id (sg-...).")
  String groupId;

  public SgShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DescribeSecurityGroupAttribute",
        new Params().put("SecurityGroupId", groupId));
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      ctx.out().print(header(r) + "\n" + rules(Json.list(r, "Permissions", "Permission")).render());
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }

  static String header(JsonNode g) {
    return "SecurityGroupId:   " + Json.text(g, "SecurityGroupId") + "\n"
        + "SecurityGroupName: " + Json.text(g, "SecurityGroupName") + "\n"
        + "VpcId:             " + Json.text(g, "VpcId") + "\n"
        + "InnerAccessPolicy: " + Json.text(g, "InnerAccessPolicy") + "\n"
        + "Description:       " + Json.text(g, "Description") + "\n";
  }

  /** One row per rule; REMOTE is the CIDR or group on the far side of the traffic. */
  static Table rules(List<JsonNode> permissions) {
    Table t = new Table("RULE ID", "DIRECTION", "PROTOCOL", "PORTS", "REMOTE", "POLICY",
        "PRIORITY", "DESCRIPTION");
    for (JsonNode p : permissions) {
      boolean in = "ingress".equals(Json.text(p, "Direction"));
      String cidr = Json.text(p, in ? "SourceCidrIp" : "DestCidrIp");
      String group = Json.text(p, in ? "SourceGroupId" : "DestGroupId");
      t.row(Json.text(p, "SecurityGroupRuleId"), Json.text(p, "Direction"),
          Json.text(p, "IpProtocol"), Json.text(p, "PortRange"),
          cidr == null || cidr.isEmpty() ? group : cidr, Json.text(p, "Policy"),
          Json.text(p, "Priority"), Json.text(p, "Description"));
    }
    return t;
  }
}
