package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox disk reset ID --snapshot S}: ResetDisk. */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Roll a disk back to one of its own snapshots (ResetDisk). Everything written since the"
          + " snapshot is lost.",
      "The disk must be attached (In_use) and its instance Stopped."
    })
public final class DiskResetCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String diskId;

  @Option(
      names = "--snapshot",
      required = true,
      paramLabel = "SNAPSHOT_ID",
      description = "Snapshot of this disk to go back to (s-...; see 'ecsbox snapshot list"
          + " --disk DISK_ID').")
  String snapshotId;

  public DiskResetCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("ResetDisk",
        new Params().put("DiskId", diskId).put("SnapshotId", snapshotId));
    Reply.done(ctx, r, diskId + ": reset to " + snapshotId);
    return ExitCodes.OK;
  }
}
