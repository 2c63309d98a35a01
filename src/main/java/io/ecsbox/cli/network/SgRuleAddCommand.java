package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecsbox sg rule add SG_ID ...}: AuthorizeSecurityGroup(Egress). */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Add a rule to a security group (AuthorizeSecurityGroup, or"
          + " AuthorizeSecurityGroupEgress with --direction egress). It applies at once to"
          + " every member.",
      "Example: ecsbox sg rule add sg-... --protocol tcp --port 22/22 --cidr 10.0.0.0/8"
    })
public final class SgRuleAddCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SG_ID", description = "Security group id (sg-...).")
  String groupId;

  @Mixin RuleOptions rule;

  @Option(names = "--description", paramLabel = "TEXT", description = "Rule description.")
  String description;

  public SgRuleAddCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call(rule.action("Authorize"), rule.toParams(spec.commandLine())
        .put("SecurityGroupId", groupId).put("Description", description));
    Reply.done(ctx, r, groupId + ": " + rule.direction + " rule added");
    return ExitCodes.OK;
  }
}
