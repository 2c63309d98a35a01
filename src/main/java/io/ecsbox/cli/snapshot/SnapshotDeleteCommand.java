package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox snapshot delete ID}: DeleteSnapshot. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a snapshot (DeleteSnapshot). A snapshot an image was made from cannot"
        + " be deleted; one that disks were created from needs --force.")
public final class SnapshotDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "SNAPSHOT_ID", description = "Snapshot id (s-...).")
  String id;

  @Option(
      names = "--force",
      description = "Delete it even though disks were created from it (they keep their data,"
          + " but can no longer be re-initialised).")
  boolean force;

  public SnapshotDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DeleteSnapshot",
        new Params().put("SnapshotId", id).flag("Force", force));
    Reply.done(ctx, r, id + ": deleted");
    return ExitCodes.OK;
  }
}
