package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.KeyValueView;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox snapshot show ID}: every attribute of one snapshot, one per line. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show all attributes of one snapshot (DescribeSnapshots).")
public final class SnapshotShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "SNAPSHOT_ID", description = "Snapshot id (s-...).")
  String id;

  public SnapshotShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode s = Snapshots.get(ctx, id);
    ctx.out().print(ctx.json() ? Json.pretty(s) : KeyValueView.render(s));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
