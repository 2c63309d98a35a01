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

/** {@code ecsbox disk reinit ID}: ReInitDisk. */
@Command(
    name = "reinit",
    mixinStandardHelpOptions = true,
    description = {
      "Return a disk to the state it was created in (ReInitDisk): a system disk to its image,"
          + " a data disk to empty or to the snapshot it was made from. All data is lost.",
      "The disk must be attached (In_use) and its instance Stopped.",
      "With --wait, wait until the disk is In_use again."
    })
public final class DiskReinitCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String diskId;

  @Mixin DiskWait waitOptions;

  public DiskReinitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("ReInitDisk", new Params().put("DiskId", diskId));
    if (waitOptions.wait) {
      waitOptions.until(ctx, diskId, "In_use");
    }
    Reply.done(ctx, r, diskId + ": " + (waitOptions.wait ? "re-initialised" : "re-init requested"));
    return ExitCodes.OK;
  }
}
