package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Progress;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecsbox snapshot create DISK}: CreateSnapshot, optionally waiting until it is done. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Take a snapshot of a disk (CreateSnapshot) and print its id. The disk's instance must"
          + " be Running or Stopped, and only one snapshot of a disk is taken at a time.",
      "With --wait, show its progress until it is accomplished."
    })
public final class SnapshotCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DISK_ID", description = "Disk to snapshot (d-...).")
  String diskId;

  @Option(names = "--name", paramLabel = "NAME", description = "Snapshot name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  @Option(
      names = "--retention-days",
      paramLabel = "DAYS",
      description = "Delete the snapshot automatically after this many days (1-65536;"
          + " default: keep it until deleted).")
  Integer retentionDays;

  @Option(names = "--wait", description = "Wait until the snapshot is accomplished.")
  boolean wait;

  @Option(
      names = "--timeout",
      defaultValue = "1800",
      paramLabel = "SECONDS",
      description = "Give up waiting after this long; exit code 4 (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  public SnapshotCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (retentionDays != null && (retentionDays < 1 || retentionDays > 65536)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid --retention-days " + retentionDays + ": give 1 to 65536 days.");
    }
    JsonNode r = ctx.call("CreateSnapshot", new Params()
        .put("DiskId", diskId)
        .put("SnapshotName", name)
        .put("Description", description)
        .put("RetentionDays", retentionDays));
    String snapshotId = Json.text(r, "SnapshotId");
    if (!ctx.json()) {
      ctx.out().println(snapshotId);
      ctx.out().flush();
    }
    JsonNode done = wait ? waitAccomplished(snapshotId) : null;
    if (ctx.json()) {
      ObjectNode out = r.deepCopy();
      if (done != null) {
        out.set("Snapshot", done);
      }
      ctx.out().print(Json.pretty(out));
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }

  private JsonNode waitAccomplished(String snapshotId) {
    Progress progress = ctx.progress();
    JsonNode[] last = new JsonNode[1];
    String[] state = {"progressing", "0%"};
    try {
      ctx.waiter().until(Duration.ofSeconds(timeoutSeconds),
          () -> "snapshot " + snapshotId + " to be accomplished (" + state[0] + " " + state[1]
              + ")",
          elapsed -> {
            last[0] = Snapshots.get(ctx, snapshotId);
            state[0] = Json.text(last[0], "Status");
            state[1] = Json.text(last[0], "Progress");
            if ("failed".equals(state[0])) {
              progress.done();
              throw new EcsApiException(500, "SnapshotFailed", "The snapshot " + snapshotId
                  + " of disk " + diskId + " failed; see the daemon log.", null);
            }
            progress.update(snapshotId + " " + state[1] + " " + state[0], elapsed);
            return "accomplished".equals(state[0]);
          });
    } finally {
      progress.done();
    }
    return last[0];
  }
}
