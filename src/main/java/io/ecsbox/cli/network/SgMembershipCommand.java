package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ecsbox sg join|leave SG_ID --instance I | --eni E}: JoinSecurityGroup and
 * LeaveSecurityGroup, for an instance's primary NIC or an ENI.
 */
public abstract class SgMembershipCommand implements Callable<Integer> {
  private final CliContext ctx;
  private final String action;
  private final String verb;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SG_ID", description = "Security group id (sg-...).")
  String groupId;

  @Option(
      names = "--instance",
      paramLabel = "INSTANCE_ID",
      description = "The instance (its primary network interface).")
  String instanceId;

  @Option(names = "--eni", paramLabel = "ENI_ID", description = "An ENI (eni-...).")
  String eniId;

  SgMembershipCommand(CliContext ctx, String action, String verb) {
    this.ctx = ctx;
    this.action = action;
    this.verb = verb;
  }

  @Override
  public Integer call() {
    Net.exactlyOne(spec.commandLine(), "--instance", instanceId, "--eni", eniId);
    JsonNode r = ctx.call(action, new Params().put("SecurityGroupId", groupId)
        .put("InstanceId", instanceId).put("NetworkInterfaceId", eniId));
    Reply.done(ctx, r, (instanceId != null ? instanceId : eniId) + ": " + verb + " " + groupId);
    return ExitCodes.OK;
  }

  /** {@code ecsbox sg join}. */
  @Command(
      name = "join",
      mixinStandardHelpOptions = true,
      description = "Put an instance or ENI into a security group (JoinSecurityGroup); each"
          + " is in at most 5 groups, all of its VPC and of one type.")
  public static final class Join extends SgMembershipCommand {
    public Join(CliContext ctx) {
      super(ctx, "JoinSecurityGroup", "joined");
    }
  }

  /** {@code ecsbox sg leave}. */
  @Command(
      name = "leave",
      mixinStandardHelpOptions = true,
      description = "Take an instance or ENI out of a security group (LeaveSecurityGroup); it"
          + " must stay in at least one.")
  public static final class Leave extends SgMembershipCommand {
    public Leave(CliContext ctx) {
      super(ctx, "LeaveSecurityGroup", "left");
    }
  }
}
