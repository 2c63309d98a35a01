package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ecsbox disk delete ID}: DeleteDisk. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete an Available (detached) disk and its data (DeleteDisk). Its manual snapshots"
          + " are kept.",
      "With --wait, wait until the disk is gone."
    })
public final class DiskDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String diskId;

  @Mixin DiskWait waitOptions;

  public DiskDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteDisk", new Params().put("DiskId", diskId));
    if (waitOptions.wait) {
      waitOptions.until(ctx, diskId, null);
    }
    Reply.done(ctx, r, diskId + ": " + (waitOptions.wait ? "deleted" : "delete requested"));
    return ExitCodes.OK;
  }
}
