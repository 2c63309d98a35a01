package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecsbox disk create}: CreateDisk, and with {@code --attach} AttachDisk once the new disk
 * is Available. If attaching is refused, the new disk is deleted again (best effort).
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a data disk (CreateDisk), empty or from a snapshot, and print its id.",
      "With --attach, wait until the disk is Available and attach it to that instance"
          + " (AttachDisk); if the attach is refused the new disk is deleted again.",
      "With --wait, wait until the disk is Available (In_use with --attach) and print where"
          + " it is attached.",
      "Without --zone the disk goes to the instance's zone (--attach), or to the region's only"
          + " zone."
    })
public final class DiskCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      paramLabel = "GiB",
      description = "Size in GiB. Optional with --snapshot: the disk is at least as large as"
          + " the snapshot's disk.")
  Integer size;

  @Option(
      names = "--category",
      defaultValue = "cloud_efficiency",
      paramLabel = "CATEGORY",
      description = "${COMPLETION-CANDIDATES}; sets the IOPS and throughput limits"
          + " (default: ${DEFAULT-VALUE}).")
  DiskCategory category;

  @Option(
      names = "--performance-level",
      paramLabel = "PL",
      description = "ESSD performance level, ${COMPLETION-CANDIDATES} (cloud_essd only;"
          + " the daemon's default is PL1).")
  PerformanceLevel performanceLevel;

  @Option(
      names = "--snapshot",
      paramLabel = "SNAPSHOT_ID",
      description = "Fill the disk from this snapshot (s-...).")
  String snapshotId;

  @Option(names = "--name", paramLabel = "NAME", description = "Disk name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  @Option(names = "--zone", paramLabel = "ZONE_ID", description = "Zone to create it in.")
  String zoneId;

  @Option(
      names = "--attach",
      paramLabel = "INSTANCE_ID",
      description = "Attach the new disk to this instance (i-..., Running or Stopped).")
  String attachTo;

  @Option(
      names = "--delete-with-instance",
      description = "With --attach: release the disk when the instance is deleted.")
  boolean deleteWithInstance;

  @Mixin DiskWait waitOptions;

  public DiskCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    validate();
    JsonNode r = ctx.call("CreateDisk", new Params()
        .put("ZoneId", zone())
        .put("DiskCategory", category)
        .put("PerformanceLevel", performanceLevel)
        .put("Size", size)
        .put("SnapshotId", snapshotId)
        .put("DiskName", name)
        .put("Description", description));
    String diskId = Json.text(r, "DiskId");
    if (!ctx.json()) {
      ctx.out().println(diskId);
      ctx.out().flush();
    }
    JsonNode disk = null;
    if (attachTo != null) {
      waitOptions.until(ctx, diskId, "Available");
      attach(diskId);
      disk = waitOptions.wait ? waitOptions.until(ctx, diskId, "In_use") : null;
      if (!ctx.json()) {
        ctx.out().println(diskId + ": " + (disk == null ? "attach to " + attachTo + " requested"
            : "In_use on " + Disks.placement(disk)));
      }
    } else if (waitOptions.wait) {
      disk = waitOptions.until(ctx, diskId, "Available");
    }
    if (ctx.json()) {
      ObjectNode out = r.deepCopy();
      if (disk != null) {
        out.set("Disk", disk);
      }
      ctx.out().print(Json.pretty(out));
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }

  private void validate() {
    if (size == null && snapshotId == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Missing --size: give the size in GiB (or --snapshot to copy a snapshot).");
    }
    if (size != null && size <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid --size " + size + ": give a whole number of GiB, at least 1.");
    }
    if (performanceLevel != null && category != DiskCategory.cloud_essd) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--performance-level applies only to --category cloud_essd.");
    }
    if (deleteWithInstance && attachTo == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--delete-with-instance needs --attach INSTANCE_ID.");
    }
  }

  /** --zone, else the instance's zone, else the only zone there is (null: let the daemon say). */
  private String zone() {
    if (zoneId != null) {
      return zoneId;
    }
    if (attachTo != null) {
      JsonNode r = ctx.call("DescribeInstances",
          new Params().jsonArray("InstanceIds", List.of(attachTo)));
      List<JsonNode> found = Json.list(r, "Instances", "Instance");
      if (found.isEmpty()) {
        throw new EcsApiException(404, "InvalidInstanceId.NotFound",
            "The specified InstanceId " + attachTo + " does not exist.", Json.text(r, "RequestId"));
      }
      return Json.text(found.get(0), "ZoneId");
    }
    List<String> zones = Json.list(ctx.call("DescribeZones", new Params()), "Zones", "Zone")
        .stream().map(z -> Json.text(z, "ZoneId")).toList();
    if (zones.size() > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "This region has several zones; choose one with --zone: " + String.join(", ", zones));
    }
    return zones.isEmpty() ? null : zones.get(0);
  }

  private void attach(String diskId) {
    try {
      ctx.call("AttachDisk", new Params().put("InstanceId", attachTo).put("DiskId", diskId)
          .flag("DeleteWithInstance", deleteWithInstance));
    } catch (EcsApiException e) {
      if (ExitCodes.of(e) != ExitCodes.UNREACHABLE) {
        undoCreate(diskId);
      }
      throw e;
    }
  }

  private void undoCreate(String diskId) {
    try {
      ctx.call("DeleteDisk", new Params().put("DiskId", diskId));
      ctx.err().println("Attaching failed; deleted the new disk " + diskId + " again.");
    } catch (EcsApiException e) {
      ctx.err().println("Attaching failed, and the new disk " + diskId + " could not be deleted ("
          + e.getMessage() + "); delete it with 'ecsbox disk delete " + diskId + "'.");
    }
    ctx.err().flush();
  }
}
