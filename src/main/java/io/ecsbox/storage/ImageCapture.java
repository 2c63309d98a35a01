package io.ecsbox.storage;

import io.ecsbox.common.ServiceException;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceError;
import io.ecsbox.compute.InstanceStatus;
import io.ecsbox.compute.InstanceStore;

/**
 * CreateImage: a custom image from a system disk's snapshot, or from an instance's system disk
 * through a new snapshot (running or stopped). The image copies its OS facts from the image the
 * disk was made from.
 */
public final class ImageCapture {
  private final ImageService images;
  private final SnapshotService snapshots;
  private final DiskService disks;
  private final InstanceStore instances;

  public ImageCapture(ImageService images, SnapshotService snapshots, DiskService disks, InstanceStore instances) {
    this.images = images;
    this.snapshots = snapshots;
    this.disks = disks;
    this.instances = instances;
  }

  /**
   * Checks everything, calls {@code beforeChange} (which may stop the call, e.g. a DryRun),
   * then starts the image (Creating until its copy is done) and returns its id.
   *
   * @param instanceId the instance whose system disk is captured (it wins over {@code snapshotId}, as in ECS)
   */
  public String createImage(String accountId, String name, String description, String instanceId, String snapshotId,
      Runnable beforeChange) {
    ImageService.checkName(name);
    Disk system;
    String snapshot = snapshotId;
    if (instanceId != null) {
      Instance i = instances.find(instanceId).filter(x -> x.accountId().equals(accountId) && !x.deleting())
          .orElseThrow(InstanceError::notFound);
      if (i.status() != InstanceStatus.Running && i.status() != InstanceStatus.Stopped) {
        throw InstanceError.incorrectStatus(instanceId, i.status().name());
      }
      system = disks.list(accountId).stream().filter(d -> instanceId.equals(d.instanceId()) && d.system())
          .findFirst().orElseThrow(() -> new ServiceException(InstanceError.INCORRECT_STATUS,
              "The instance " + instanceId + " has no system disk."));
      beforeChange.run();
      snapshot = snapshots.create(accountId, system.id(), "for-image", "Created for CreateImage"
          + (name == null ? "" : " " + name), null);
    } else if (snapshotId != null) {
      Snapshot s = snapshots.get(accountId, snapshotId);
      if (!"system".equals(s.diskType())) {
        throw new ServiceException(SnapshotError.NOT_OF_SYSTEM_DISK,
            "An image is made from a system disk snapshot; " + snapshotId + " is of a data disk.");
      }
      if (!s.accomplished()) {
        throw new ServiceException(SnapshotError.INCORRECT_STATUS, "The snapshot " + snapshotId + " is "
            + s.status() + "; an image needs an accomplished one.");
      }
      system = disks.list(accountId).stream().filter(d -> d.id().equals(s.diskId())).findFirst().orElse(null);
      beforeChange.run();
    } else {
      throw ServiceException.missing("SnapshotId");
    }
    Snapshot s = snapshots.get(accountId, snapshot);
    Image from = system == null || system.imageId() == null ? null
        : images.find(accountId, system.imageId()).orElse(null);
    return images.capture(accountId, name, description, snapshot, instanceId, from, s.diskSizeGiB());
  }
}
