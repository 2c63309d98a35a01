package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecsbox sg rule remove SG_ID ...}: RevokeSecurityGroup(Egress). */
@Command(
    name = "remove",
    aliases = "rm",
    mixinStandardHelpOptions = true,
    description = "Remove rules from a security group (RevokeSecurityGroup,"
        + " RevokeSecurityGroupEgress): by id (--id, see 'ecsbox sg show'), or the rules that"
        + " match the options exactly (policy and priority too).")
public final class SgRuleRemoveCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SG_ID", description = "Security group id (sg-...).")
  String groupId;

  @Option(
      names = "--id",
      paramLabel = "RULE_ID",
      description = "Rule id (sgr-...); repeat for several. Not with the rule options.")
  List<String> ruleIds = new ArrayList<>();

  @Mixin RuleOptions rule;

  public SgRuleRemoveCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (ruleIds.isEmpty()) {
      JsonNode r = ctx.call(rule.action("Revoke"),
          rule.toParams(spec.commandLine()).put("SecurityGroupId", groupId));
      Reply.done(ctx, r, groupId + ": " + rule.direction + " rule removed");
      return ExitCodes.OK;
    }
    if (rule.any()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Give either --id or the rule options (--protocol, --port, ...), not both.");
    }
    JsonNode r = null;
    for (Map.Entry<String, List<String>> e : byDirection().entrySet()) {
      r = ctx.call("ingress".equals(e.getKey()) ? "RevokeSecurityGroup"
          : "RevokeSecurityGroupEgress",
          new Params().put("SecurityGroupId", groupId).repeat("SecurityGroupRuleId", e.getValue()));
    }
    Reply.done(ctx, r, groupId + ": " + String.join(", ", ruleIds) + " removed");
    return ExitCodes.OK;
  }

  /** The rule ids grouped by their direction, read from DescribeSecurityGroupAttribute. */
  private Map<String, List<String>> byDirection() {
    JsonNode attr = ctx.call("DescribeSecurityGroupAttribute",
        new Params().put("SecurityGroupId", groupId));
    Map<String, String> directions = new LinkedHashMap<>();
    Json.list(attr, "Permissions", "Permission").forEach(p ->
        directions.put(Json.text(p, "SecurityGroupRuleId"), Json.text(p, "Direction")));
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String id : ruleIds) {
      String d = directions.get(id);
      if (d == null) {
        throw new EcsApiException(404, "InvalidSecurityGroupRuleId.NotFound",
            "The specified SecurityGroupRuleId " + id + " does not exist.",
            Json.text(attr, "RequestId"));
      }
      out.computeIfAbsent(d, k -> new ArrayList<>()).add(id);
    }
    return out;
  }
}
