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

/** {@code ecsbox eip associate EIP --instance I | --eni E}: AssociateEipAddress. */
@Command(
    name = "associate",
    mixinStandardHelpOptions = true,
    description = "Map an Available EIP to an instance's primary private IP or to an ENI's"
        + " (AssociateEipAddress); each holds at most one public IP.")
public final class EipAssociateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ALLOCATION_ID", description = "EIP allocation id (eip-...).")
  String allocationId;

  @Option(names = "--instance", paramLabel = "INSTANCE_ID", description = "Instance (i-...).")
  String instanceId;

  @Option(names = "--eni", paramLabel = "ENI_ID", description = "ENI (eni-...).")
  String eniId;

  public EipAssociateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Net.exactlyOne(spec.commandLine(), "--instance", instanceId, "--eni", eniId);
    String target = instanceId != null ? instanceId : eniId;
    JsonNode r = ctx.call("AssociateEipAddress", new Params().put("AllocationId", allocationId)
        .put("InstanceId", target)
        .put("InstanceType", instanceId != null ? "EcsInstance" : "NetworkInterface"));
    Reply.done(ctx, r, allocationId + ": associated with " + target);
    return ExitCodes.OK;
  }
}
