package io.ecsbox.cli.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Pages;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox snapshot list}: DescribeSnapshots, every page, as a table. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List snapshots (DescribeSnapshots): the disk each was taken of, whether it"
        + " is done, and how long it is kept.")
public final class SnapshotListCommand implements Callable<Integer> {
  static final int PAGE_SIZE = 100;

  /** Who took the snapshots. */
  enum SnapshotType {
    auto,
    user,
    all
  }

  /** Snapshot states. */
  enum Status {
    progressing,
    accomplished,
    failed,
    all
  }

  private final CliContext ctx;

  @Option(names = "--disk", paramLabel = "DISK_ID", description = "Only snapshots of this disk.")
  String diskId;

  @Option(
      names = "--instance",
      paramLabel = "INSTANCE_ID",
      description = "Only snapshots of this instance's disks.")
  String instanceId;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "auto (taken by a policy), user (taken by hand) or all (default: all).")
  SnapshotType type;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only snapshots in this state: ${COMPLETION-CANDIDATES} (default: all).")
  Status status;

  @Option(
      names = "--ids",
      split = ",",
      paramLabel = "SNAPSHOT_ID",
      description = "Only these snapshots, comma-separated (s-1,s-2).")
  List<String> ids = new ArrayList<>();

  public SnapshotListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode r = Pages.all(ctx, "DescribeSnapshots", this::filters, "Snapshots", "Snapshot",
        PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "Snapshots", "Snapshot")));
    return ExitCodes.OK;
  }

  private Params filters() {
    Params p = new Params().put("DiskId", diskId).put("InstanceId", instanceId)
        .put("SnapshotType", type).put("Status", status);
    return ids.isEmpty() ? p : p.jsonArray("SnapshotIds", ids);
  }

  static Table table(List<JsonNode> snapshots) {
    Table t = new Table("ID", "NAME", "DISK", "DISK SIZE(GiB)", "TYPE", "STATUS", "PROGRESS",
        "CREATED", "KEEP(DAYS)");
    for (JsonNode s : snapshots) {
      t.row(Json.text(s, "SnapshotId"), Json.text(s, "SnapshotName"),
          Json.text(s, "SourceDiskId"), Json.text(s, "SourceDiskSize"),
          Json.text(s, "SnapshotType"), Json.text(s, "Status"), Json.text(s, "Progress"),
          Json.text(s, "CreationTime"), Json.text(s, "RetentionDays"));
    }
    return t;
  }
}
