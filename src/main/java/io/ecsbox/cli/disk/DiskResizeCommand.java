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

/** {@code ecsbox disk resize ID --size GiB}: ResizeDisk. */
@Command(
    name = "resize",
    mixinStandardHelpOptions = true,
    description = {
      "Grow a disk to a larger size (ResizeDisk); disks never shrink.",
      "By default (offline) an attached disk's guest sees the new size after the instance is"
          + " restarted with 'ecsbox instance reboot'; --online applies it at once.",
      "Either way, grow the partition and file system inside the guest yourself."
    })
public final class DiskResizeCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "DISK_ID", description = "Disk id (d-...).")
  String diskId;

  @Option(
      names = "--size",
      required = true,
      paramLabel = "GiB",
      description = "New size in GiB; must be larger than the current size.")
  int size;

  @Option(
      names = "--online",
      description = "Resize while the instance runs (Type=online) instead of on its next"
          + " restart.")
  boolean online;

  public DiskResizeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("ResizeDisk", new Params().put("DiskId", diskId).put("NewSize", size)
        .put("Type", online ? "online" : null));
    Reply.done(ctx, r, diskId + ": resized to " + size + " GiB"
        + (online ? "" : "; if attached, restart its instance for the guest to see it"));
    return ExitCodes.OK;
  }
}
