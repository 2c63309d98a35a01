package io.ecsbox.storage;

import io.ecsbox.agent.Volume;
import io.ecsbox.common.ServiceException;
import io.ecsbox.compute.InstanceDisks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The disks of instances, as compute asks for them: images and disks checked, made and released. */
public final class InstanceStorage implements InstanceDisks {
  private static final Set<String> CATEGORIES =
      Set.of("cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry");
  private final ImageService images;
  private final DiskService disks;

  public InstanceStorage(ImageService images, DiskService disks) {
    this.images = images;
    this.disks = disks;
  }

  @Override
  public SystemDisk checkSystemDisk(String accountId, String imageId, Integer sizeGiB, String category,
      String performanceLevel) {
    Image image = images.requireAvailable(accountId, imageId);
    int minDisk = Math.max(20, image.sizeGiB());
    int size = sizeGiB == null ? minDisk : sizeGiB;
    if (size < minDisk || size > 500) {
      throw ServiceException.invalid("SystemDisk.Size",
          "must be between " + minDisk + " and 500 GiB for image " + image.id() + ", got " + size);
    }
    String cat = category == null ? "cloud_efficiency" : category;
    if (!CATEGORIES.contains(cat)) {
      throw new ServiceException(DiskError.SYSTEM_CATEGORY_UNSUPPORTED,
          "The specified SystemDisk.Category \"" + cat + "\" is not supported.");
    }
    DiskPerformance.validate(cat, performanceLevel, size, true);
    return new SystemDisk(image.id(), size, cat, performanceLevel);
  }

  @Override
  public List<DataDisk> checkDataDisks(String accountId, String zoneId, List<DataDisk> data) {
    return disks.checkDataDisks(accountId, zoneId, data.stream().map(d -> request(zoneId, d)).toList()).stream()
        .map(r -> new DataDisk(r.sizeGiB(), r.category(), r.performanceLevel(), r.snapshotId(), r.name(),
            r.description(), r.deleteWithInstance()))
        .toList();
  }

  @Override
  public void insert(Connection c, String accountId, String instanceId, String zoneId, SystemDisk system,
      List<DataDisk> data, Instant now) throws SQLException {
    Image image = images.requireAvailable(accountId, system.imageId());
    disks.insertForLaunch(c, accountId, instanceId, zoneId, image, system.sizeGiB(), system.category(),
        system.performanceLevel(), data.stream().map(d -> request(zoneId, d)).toList(), now);
  }

  @Override
  public List<Volume> prepareStart(String instanceId) {
    disks.compactForStart(instanceId);
    return disks.volumesOf(instanceId);
  }

  @Override
  public void released(String instanceId) {
    disks.releaseWith(instanceId);
  }

  @Override
  public void releaseOrphanFiles(String instanceId) {
    disks.releaseOrphanFiles(instanceId);
  }

  private static DiskService.DiskRequest request(String zoneId, DataDisk d) {
    return new DiskService.DiskRequest(zoneId, d.sizeGiB(), d.category(), d.performanceLevel(), d.snapshotId(),
        d.name(), d.description(), d.deleteWithInstance());
  }
}
