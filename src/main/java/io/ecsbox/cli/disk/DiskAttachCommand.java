package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox disk attach DISK INSTANCE}: AttachDisk. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = {
      "Attach an Available disk to a Running or Stopped instance in the same zone"
          + " (AttachDisk). The guest sees it as the next free /dev/vdX.",
      "With --wait, wait until the disk is In_use and print its device."
    })
public final class DiskAttachCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String diskId;

  @Parameters(index = "1", paramLabel = "INSTANCE_ID", description = "Instance id (i-...).")
  String instanceId;

  @Option(
      names = "--delete-with-instance",
      description = "Release the disk when the instance is deleted.")
  boolean deleteWithInstance;

  @Mixin DiskWait waitOptions;

  public DiskAttachCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("AttachDisk", new Params().put("InstanceId", instanceId)
        .put("DiskId", diskId).flag("DeleteWithInstance", deleteWithInstance));
    if (!waitOptions.wait) {
      Reply.done(ctx, r, diskId + ": attach to " + instanceId + " requested");
      return ExitCodes.OK;
    }
    JsonNode disk = waitOptions.until(ctx, diskId, "In_use");
    Reply.done(ctx, r, diskId + ": In_use on " + Disks.placement(disk));
    return ExitCodes.OK;
  }
}
