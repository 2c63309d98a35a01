package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ecsbox disk detach DISK [INSTANCE]}: DetachDisk. */
@Command(
    name = "detach",
    mixinStandardHelpOptions = true,
    description = {
      "Detach a data disk from its instance (DetachDisk); the disk becomes Available again"
          + " and is no longer deleted with the instance.",
      "Without INSTANCE_ID the instance is looked up (DescribeDisks).",
      "With --wait, wait until the disk is Available."
    })
public final class DiskDetachCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String diskId;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "INSTANCE_ID",
      description = "The instance it is attached to (default: looked up).")
  String instanceId;

  @Mixin DiskWait waitOptions;

  public DiskDetachCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String from = instanceId != null ? instanceId : attachedInstance();
    JsonNode r = ctx.call("DetachDisk", new Params().put("InstanceId", from).put("DiskId", diskId));
    if (!waitOptions.wait) {
      Reply.done(ctx, r, diskId + ": detach from " + from + " requested");
      return ExitCodes.OK;
    }
    waitOptions.until(ctx, diskId, "Available");
    Reply.done(ctx, r, diskId + ": Available (detached from " + from + ")");
    return ExitCodes.OK;
  }

  private String attachedInstance() {
    JsonNode d = Disks.get(ctx, diskId);
    String on = Json.text(d, "InstanceId");
    if (on == null || on.isEmpty()) {
      throw new EcsApiException(403, "IncorrectDiskStatus", "The disk " + diskId
          + " is not attached to an instance (status " + Json.text(d, "Status") + ").", null);
    }
    return on;
  }
}
