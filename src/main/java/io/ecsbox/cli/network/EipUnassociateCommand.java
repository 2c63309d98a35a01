package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecsbox eip unassociate EIP}: UnassociateEipAddress. */
@Command(
    name = "unassociate",
    mixinStandardHelpOptions = true,
    description = "Unmap an EIP from what it is associated with (UnassociateEipAddress); it"
        + " becomes Available and stays yours.")
public final class EipUnassociateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ALLOCATION_ID", description = "EIP allocation id (eip-...).")
  String allocationId;

  @Option(
      names = "--instance",
      paramLabel = "INSTANCE_ID",
      description = "Only if it is associated with this instance.")
  String instanceId;

  @Option(names = "--eni", paramLabel = "ENI_ID", description = "Only if it is associated with this ENI.")
  String eniId;

  public EipUnassociateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (instanceId != null && eniId != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Give either --instance or --eni, not both.");
    }
    JsonNode r = ctx.call("UnassociateEipAddress", new Params().put("AllocationId", allocationId)
        .put("InstanceId", instanceId != null ? instanceId : eniId));
    Reply.done(ctx, r, allocationId + ": unassociated");
    return ExitCodes.OK;
  }
}
