package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox eni attach ENI INSTANCE}: AttachNetworkInterface. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = "Attach an Available ENI to an instance in its VPC and zone"
        + " (AttachNetworkInterface); a running guest sees a new NIC at once.")
public final class EniAttachCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "ENI_ID", description = "ENI id (eni-...).")
  String eniId;

  @Parameters(index = "1", paramLabel = "INSTANCE_ID", description = "Instance id (i-...).")
  String instanceId;

  public EniAttachCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("AttachNetworkInterface",
        new Params().put("NetworkInterfaceId", eniId).put("InstanceId", instanceId));
    Reply.done(ctx, r, eniId + ": attached to " + instanceId);
    return ExitCodes.OK;
  }
}
