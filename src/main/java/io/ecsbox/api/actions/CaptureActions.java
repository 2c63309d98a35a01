package io.ecsbox.api.actions;

import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.Json;
import io.ecsbox.api.Params;
import io.ecsbox.common.EcsException;
import io.ecsbox.common.Validation;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceService;
import io.ecsbox.compute.InstanceStatus;
import io.ecsbox.storage.Disk;
import io.ecsbox.storage.DiskService;
import io.ecsbox.storage.Image;
import io.ecsbox.storage.ImageService;
import io.ecsbox.storage.Snapshot;
import io.ecsbox.storage.SnapshotService;

/**
 * CreateImage: a custom image from a system disk snapshot ({@code SnapshotId} or
 * {@code DiskDeviceMapping.1.SnapshotId}) or from an instance ({@code InstanceId}: its system
 * disk is snapshotted first, as ECS does, and the snapshot is listed like any other).
 */
public final class CaptureActions {
  private final ImageService images;
  private final SnapshotService snapshots;
  private final DiskService disks;
  private final InstanceService instances;

  public CaptureActions(ImageService images, SnapshotService snapshots, DiskService disks,
      InstanceService instances) {
    this.images = images;
    this.snapshots = snapshots;
    this.disks = disks;
    this.instances = instances;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateImage", req -> {
      Params p = req.params();
      String name = p.getOrNull("ImageName");
      if (name != null && !Validation.instanceName(name)) {
        throw EcsException.badRequest("InvalidImageName.Malformed",
            "The image name must be 2-128 characters, start with a letter, and use letters, digits, ':', '_', '.', '-'.");
      }
      String desc = p.getOrNull("Description");
      LaunchParams.checkDescription(desc);
      String instanceId = p.getOrNull("InstanceId");
      String snapshotId = p.get("DiskDeviceMapping.1.SnapshotId").orElse(p.getOrNull("SnapshotId"));
      Disk system;
      if (instanceId != null) { // InstanceId comes first, as in ECS
        Instance i = instances.get(req.accountId(), instanceId);
        if (i.status() != InstanceStatus.Running && i.status() != InstanceStatus.Stopped) {
          throw EcsException.incorrectInstanceStatus(instanceId, i.status().name());
        }
        system = disks.list(req.accountId()).stream()
            .filter(d -> instanceId.equals(d.instanceId()) && d.system()).findFirst()
            .orElseThrow(() -> EcsException.forbidden("IncorrectInstanceStatus",
                "The instance " + instanceId + " has no system disk."));
        DiskActions.dryRun(p);
        snapshotId = snapshots.create(req.accountId(), system.id(), "for-image", "Created for CreateImage"
            + (name == null ? "" : " " + name), null);
      } else if (snapshotId != null) {
        Snapshot s = snapshots.get(req.accountId(), snapshotId);
        if (!"system".equals(s.diskType())) {
          throw EcsException.forbidden("InvalidSnapshotId.NotSystemDisk",
              "An image is made from a system disk snapshot; " + snapshotId + " is of a data disk.");
        }
        if (!s.accomplished()) {
          throw EcsException.forbidden("IncorrectSnapshotStatus", "The snapshot " + snapshotId + " is " + s.status()
              + "; an image needs an accomplished one.");
        }
        system = disks.list(req.accountId()).stream().filter(d -> d.id().equals(s.diskId())).findFirst()
            .orElse(null);
        DiskActions.dryRun(p);
      } else {
        throw EcsException.missing("SnapshotId");
      }
      Snapshot s = snapshots.get(req.accountId(), snapshotId);
      Image from = system == null || system.imageId() == null ? null
          : images.find(req.accountId(), system.imageId()).orElse(null);
      String id = images.capture(req.accountId(), name, desc, snapshotId, instanceId, from, s.diskSizeGiB());
      return Json.object().put("ImageId", id);
    });
  }
}
