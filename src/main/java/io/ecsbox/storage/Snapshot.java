package io.ecsbox.storage;

import java.time.Instant;

/**
 * A snapshot ({@code s-...}) of a disk: a frozen qcow2 layer ({@code file}, relative to the
 * data dir) holding the data written since the disk's previous snapshot; its content is that
 * layer read through its backing chain.
 *
 * @param status {@code progressing}, {@code accomplished} or {@code failed}
 * @param type {@code user} or {@code auto}
 * @param retentionDays null or -1: kept until deleted
 * @param nextFile while progressing: the layer that becomes the disk's new top
 */
public record Snapshot(
    String id,
    String accountId,
    String name,
    String description,
    String status,
    String diskId,
    String diskType,
    int diskSizeGiB,
    String diskCategory,
    String instanceId,
    String type,
    String policyId,
    Integer retentionDays,
    String file,
    String nextFile,
    Instant created,
    boolean deleting) {

  public boolean accomplished() {
    return "accomplished".equals(status);
  }

  /** When retention runs out, or null when kept forever. */
  public Instant expires() {
    return retentionDays == null || retentionDays < 0 ? null : created.plusSeconds(86_400L * retentionDays);
  }
}
