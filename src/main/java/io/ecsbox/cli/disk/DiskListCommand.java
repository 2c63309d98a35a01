package io.ecsbox.cli.disk;

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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecsbox disk list}: DescribeDisks, every page, as a table. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List disks, system and data (DescribeDisks), with their size, status,"
        + " the instance and device they are attached as, and their I/O limits.")
public final class DiskListCommand implements Callable<Integer> {
  static final int PAGE_SIZE = 100;

  /** Which disks of an instance to list. */
  enum DiskType {
    system,
    data,
    all
  }

  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Option(
      names = "--instance",
      paramLabel = "INSTANCE_ID",
      description = "Only disks attached to this instance.")
  String instanceId;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "Only ${COMPLETION-CANDIDATES} disks (default: all).")
  DiskType type;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only disks in this state: Creating, Available, Attaching, In_use,"
          + " Detaching, ReIniting.")
  String status;

  @Option(
      names = "--ids",
      split = ",",
      paramLabel = "DISK_ID",
      description = "Only these disks, comma-separated (d-1,d-2; at most 100).")
  List<String> ids = new ArrayList<>();

  public DiskListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (ids.size() > PAGE_SIZE) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Too many --ids: at most " + PAGE_SIZE + " at a time, got " + ids.size() + ".");
    }
    ObjectNode r = Pages.all(ctx, "DescribeDisks", this::filters, "Disks", "Disk", PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "Disks", "Disk")));
    return ExitCodes.OK;
  }

  private Params filters() {
    Params p = new Params().put("InstanceId", instanceId).put("DiskType", type)
        .put("Status", status);
    return ids.isEmpty() ? p : p.jsonArray("DiskIds", ids);
  }

  static Table table(List<JsonNode> disks) {
    Table t = new Table("ID", "NAME", "TYPE", "CATEGORY", "SIZE(GiB)", "STATUS", "INSTANCE",
        "DEVICE", "IOPS", "THROUGHPUT(MB/s)");
    for (JsonNode d : disks) {
      t.row(Json.text(d, "DiskId"), Json.text(d, "DiskName"), Json.text(d, "Type"),
          category(d), Json.text(d, "Size"), Json.text(d, "Status"), Json.text(d, "InstanceId"),
          Json.text(d, "Device"), Json.text(d, "IOPS"), Json.text(d, "Throughput"));
    }
    return t;
  }

  /** E.g. {@code cloud_essd/PL1}; other categories have no performance level. */
  static String category(JsonNode disk) {
    String c = Json.text(disk, "Category");
    String pl = Json.text(disk, "PerformanceLevel");
    return pl == null || pl.isEmpty() ? c : c + "/" + pl;
  }
}
