package io.ecsbox.storage;

import java.time.Instant;

/**
 * A cloud disk ({@code d-...}): the system disk of an instance or a data disk. Its content
 * is a chain of qcow2 layers; {@code file} is the active (top) layer, relative to the data dir.
 *
 * @param type {@code system} or {@code data}
 * @param instanceId the instance it is attached to, or null
 * @param device {@code /dev/xvda}, {@code /dev/xvdb}, ... while attached, else null
 */
public record Disk(
    String id,
    String accountId,
    String zoneId,
    String name,
    String description,
    String type,
    String category,
    String performanceLevel,
    int sizeGiB,
    DiskStatus status,
    String instanceId,
    String device,
    String imageId,
    String sourceSnapshotId,
    boolean deleteWithInstance,
    boolean deleteAutoSnapshot,
    boolean enableAutoSnapshot,
    String autoSnapshotPolicyId,
    boolean portable,
    String file,
    Instant created,
    Instant attached,
    Instant detached,
    boolean deleting) {

  public boolean system() {
    return "system".equals(type);
  }

  /** The libvirt target of the device: {@code /dev/xvdb} → {@code vdb}. */
  public String target() {
    return device == null ? null : "vd" + device.substring(device.length() - 1);
  }

  public DiskPerformance performance() {
    return DiskPerformance.of(category, performanceLevel, sizeGiB);
  }
}
