package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.storage.Disk;
import io.ecsbox.storage.DiskPerformance;
import io.ecsbox.storage.DiskService;
import io.ecsbox.storage.SnapshotService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;

/** The disk Actions: create, attach, detach, delete, resize, reset, re-init, modify, describe. */
public final class DiskActions {
  private final Function<String, Map<String, String>> tags;
  private final DiskService disks;
  private final SnapshotService snapshots;
  private final String regionId;
  private final String defaultZone;

  public DiskActions(DiskService disks, SnapshotService snapshots, String regionId, String defaultZone,
      Function<String, Map<String, String>> tags) {
    this.disks = disks;
    this.snapshots = snapshots;
    this.regionId = regionId;
    this.defaultZone = defaultZone;
    this.tags = tags;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateDisk", req -> {
      Params p = req.params();
      if (p.has("InstanceId")) {
        throw EcsException.badRequest("InvalidParameter.NotSupported",
            "CreateDisk with InstanceId (subscription disks) is not supported: create it, then AttachDisk.");
      }
      String name = p.getOrNull("DiskName");
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      DiskService.DiskRequest d = new DiskService.DiskRequest(p.get("ZoneId").orElse(defaultZone),
          p.intOrNull("Size", 1, 65536), p.getOrNull("DiskCategory"), p.getOrNull("PerformanceLevel"),
          p.getOrNull("SnapshotId"), name, desc, false);
      dryRun(p);
      return Json.object().put("DiskId", disks.create(req.accountId(), d)).put("OrderId", "");
    });
    r.register("AttachDisk", req -> {
      Params p = req.params();
      String disk = p.require("DiskId");
      String inst = p.require("InstanceId");
      Boolean dwi = p.has("DeleteWithInstance") ? p.bool("DeleteWithInstance", false) : null;
      dryRun(p);
      disks.attach(req.accountId(), disk, inst, dwi);
      return Json.object();
    });
    r.register("DetachDisk", req -> {
      Params p = req.params();
      String disk = p.require("DiskId");
      String inst = p.getOrNull("InstanceId");
      dryRun(p);
      disks.detach(req.accountId(), disk, inst);
      return Json.object();
    });
    r.register("DeleteDisk", req -> {
      String disk = req.params().require("DiskId");
      dryRun(req.params());
      disks.delete(req.accountId(), disk);
      return Json.object();
    });
    r.register("ResizeDisk", req -> {
      Params p = req.params();
      String disk = p.require("DiskId");
      int size = p.intValue("NewSize", 0, 1, 65536);
      if (!p.has("NewSize")) {
        throw EcsException.missing("NewSize");
      }
      String type = p.get("Type").orElse("offline");
      if (!type.equals("offline") && !type.equals("online")) {
        throw EcsException.invalid("Type", "must be offline or online, got " + type);
      }
      dryRun(p);
      disks.resize(req.accountId(), disk, size);
      return Json.object().put("OrderId", "");
    });
    r.register("ResetDisk", req -> {
      Params p = req.params();
      String disk = p.require("DiskId");
      String snap = p.require("SnapshotId");
      dryRun(p);
      disks.reset(req.accountId(), disk, snapshots.get(req.accountId(), snap));
      return Json.object();
    });
    r.register("ReInitDisk", req -> {
      String disk = req.params().require("DiskId");
      dryRun(req.params());
      disks.reinit(req.accountId(), disk);
      return Json.object();
    });
    r.register("ModifyDiskAttribute", req -> {
      Params p = req.params();
      List<String> ids = new ArrayList<>(p.list("DiskIds", 100));
      p.get("DiskId").ifPresent(ids::add);
      if (ids.isEmpty()) {
        throw EcsException.missing("DiskId");
      }
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      Boolean dwi = p.has("DeleteWithInstance") ? p.bool("DeleteWithInstance", false) : null;
      Boolean das = p.has("DeleteAutoSnapshot") ? p.bool("DeleteAutoSnapshot", true) : null;
      ids.forEach(id -> disks.get(req.accountId(), id)); // all exist, or nothing changes
      dryRun(p);
      ids.forEach(id -> disks.modify(req.accountId(), id, p.getOrNull("DiskName"), desc, dwi, das));
      return Json.object();
    });
    r.register("DescribeDisks", this::describe);
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    Optional<List<String>> ids = p.jsonArray("DiskIds", 100);
    String type = p.get("DiskType").orElse("all");
    List<Disk> match = new ArrayList<>();
    for (Disk d : disks.list(req.accountId())) {
      if (ids.isPresent() && !ids.get().contains(d.id())
          || !type.equals("all") && !type.equals(d.type())
          || p.has("InstanceId") && !p.require("InstanceId").equals(d.instanceId())
          || p.has("ZoneId") && !p.require("ZoneId").equals(d.zoneId())
          || p.has("Category") && !p.require("Category").equals(d.category())
          || p.has("Status") && !p.require("Status").equals(d.status().name())
          || p.has("SnapshotId") && !p.require("SnapshotId").equals(d.sourceSnapshotId())
          || p.has("DiskName") && !p.require("DiskName").equals(d.name())
          || p.has("AutoSnapshotPolicyId") && !p.require("AutoSnapshotPolicyId").equals(d.autoSnapshotPolicyId())
          || p.has("Portable") && p.bool("Portable", true) != d.portable()
          || p.has("DeleteWithInstance") && p.bool("DeleteWithInstance", true) != d.deleteWithInstance()
          || p.has("DeleteAutoSnapshot") && p.bool("DeleteAutoSnapshot", true) != d.deleteAutoSnapshot()
          || p.has("EnableAutoSnapshot") && p.bool("EnableAutoSnapshot", true) != d.enableAutoSnapshot()) {
        continue;
      }
      match.add(d);
    }
    ObjectNode out = Json.object();
    List<Disk> items = Page.write(out, match, p, 100, 500);
    ArrayNode a = Json.list(out, "Disks", "Disk");
    for (Disk d : items) {
      write(a.addObject(), d);
    }
    return out;
  }

  private void write(ObjectNode o, Disk d) {
    DiskPerformance perf = d.performance();
    o.put("DiskId", d.id()).put("DiskName", d.name()).put("Description", d.description())
        .put("RegionId", regionId).put("ZoneId", d.zoneId()).put("Category", d.category())
        .put("PerformanceLevel", d.performanceLevel()).put("Size", d.sizeGiB()).put("Type", d.type())
        .put("Status", d.status().name()).put("InstanceId", d.instanceId() == null ? "" : d.instanceId())
        .put("Device", d.device() == null ? "" : d.device()).put("ImageId", d.imageId() == null ? "" : d.imageId())
        .put("SourceSnapshotId", d.sourceSnapshotId() == null ? "" : d.sourceSnapshotId())
        .put("AutoSnapshotPolicyId", d.autoSnapshotPolicyId() == null ? "" : d.autoSnapshotPolicyId())
        .put("EnableAutoSnapshot", d.enableAutoSnapshot()).put("DeleteAutoSnapshot", d.deleteAutoSnapshot())
        .put("DeleteWithInstance", d.deleteWithInstance()).put("Portable", d.portable())
        .put("Encrypted", false).put("KMSKeyId", "").put("DiskChargeType", "PostPaid")
        .put("CreationTime", Json.seconds(d.created())).put("AttachedTime", Json.seconds(d.attached()))
        .put("DetachedTime", Json.seconds(d.detached())).put("ExpiredTime", "")
        .put("IOPS", perf.iops()).put("IOPSRead", perf.iops() / 2).put("IOPSWrite", perf.iops() / 2)
        .put("Throughput", perf.throughputMBps()).put("ProvisionedIops", 0).put("BurstingEnabled", false)
        .put("MultiAttach", "Disabled").put("SerialNumber", d.id()).put("BdfId", "").put("StorageSetId", "");
    Json.list(o, "OperationLocks", "OperationLock");
    ArrayNode mounts = Json.list(o, "MountInstances", "MountInstance");
    ArrayNode att = Json.list(o, "Attachments", "Attachment");
    if (d.instanceId() != null) {
      mounts.addObject().put("InstanceId", d.instanceId()).put("Device", d.device())
          .put("AttachedTime", Json.seconds(d.attached()));
      att.addObject().put("InstanceId", d.instanceId()).put("Device", d.device())
          .put("AttachedTime", Json.seconds(d.attached()));
    }
    Json.tags(o, tags.apply(d.id()));
  }

  static void dryRun(Params p) {
    if (p.bool("DryRun", false)) {
      throw EcsException.badRequest("DryRunOperation", "Request validation has been passed with DryRun flag set.");
    }
  }
}
