package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox snapshot policy cancel DISK...}: CancelAutoSnapshotPolicy. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Take disks off their automatic snapshot policy (CancelAutoSnapshotPolicy);"
        + " snapshots already taken are kept.")
public final class PolicyCancelCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "DISK_ID", description = "Disk ids (d-...).")
  List<String> diskIds = new ArrayList<>();

  public PolicyCancelCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("CancelAutoSnapshotPolicy",
        new Params().jsonArray("diskIds", diskIds));
    Reply.done(ctx, r, String.join(", ", diskIds) + ": policy cancelled");
    return ExitCodes.OK;
  }
}
