package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox eni detach ENI [INSTANCE]}: DetachNetworkInterface. */
@Command(
    name = "detach",
    mixinStandardHelpOptions = true,
    description = {
      "Detach an ENI from its instance (DetachNetworkInterface); it becomes Available again"
          + " and keeps its MAC and IP.",
      "Without INSTANCE_ID the instance is looked up (DescribeNetworkInterfaces)."
    })
public final class EniDetachCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "ENI_ID", description = "ENI id (eni-...).")
  String eniId;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "INSTANCE_ID",
      description = "The instance it is attached to (default: looked up).")
  String instanceId;

  public EniDetachCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String from = instanceId != null ? instanceId : attachedInstance();
    JsonNode r = ctx.call("DetachNetworkInterface",
        new Params().put("NetworkInterfaceId", eniId).put("InstanceId", from));
    Reply.done(ctx, r, eniId + ": detached from " + from);
    return ExitCodes.OK;
  }

  private String attachedInstance() {
    JsonNode r = ctx.call("DescribeNetworkInterfaces",
        new Params().repeat("NetworkInterfaceId", List.of(eniId)));
    List<JsonNode> found = Json.list(r, "NetworkInterfaceSets", "NetworkInterfaceSet");
    if (found.isEmpty()) {
      throw new EcsApiException(404, "InvalidEniId.NotFound",
          "The specified NetworkInterfaceId " + eniId + " does not exist.", Json.text(r, "RequestId"));
    }
    String on = Json.text(found.get(0), "InstanceId");
    if (on == null || on.isEmpty()) {
      throw new EcsApiException(403, "InvalidOperation.InvalidEniState", "The ENI " + eniId
          + " is not attached to an instance (status " + Json.text(found.get(0), "Status") + ").",
          Json.text(r, "RequestId"));
    }
    return on;
  }
}
