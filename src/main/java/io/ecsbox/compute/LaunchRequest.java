package io.ecsbox.compute;

import java.util.Map;

/**
 * A validated RunInstances / CreateInstance request.
 *
 * @param amount how many instances (1-100)
 * @param autoStart true for RunInstances (start at once), false for CreateInstance
 * @param userData Base64 text as the API received it, or empty
 * @param systemDiskGiB requested size, or null for the default (the image size, at least 20)
 * @param clientToken idempotency token, or null
 * @param paramsHash hash of the request parameters for ClientToken comparison
 * @param dataDisks the DataDisk.N disks, created with the instance (zone not yet filled in)
 */
public record LaunchRequest(
    String accountId,
    String imageId,
    String instanceType,
    String instanceName,
    String hostName,
    boolean uniqueSuffix,
    String description,
    String userData,
    Integer systemDiskGiB,
    String systemDiskCategory,
    int amount,
    boolean autoStart,
    String clientToken,
    String paramsHash,
    String zoneId,
    Map<String, String> tags,
    String systemDiskPerformanceLevel,
    java.util.List<io.ecsbox.storage.DiskService.DiskRequest> dataDisks) {
  public LaunchRequest {
    dataDisks = dataDisks == null ? java.util.List.of() : java.util.List.copyOf(dataDisks);
  }

  /** A launch without data disks and with the default system disk performance level. */
  public LaunchRequest(String accountId, String imageId, String instanceType, String instanceName, String hostName,
      boolean uniqueSuffix, String description, String userData, Integer systemDiskGiB, String systemDiskCategory,
      int amount, boolean autoStart, String clientToken, String paramsHash, String zoneId, Map<String, String> tags) {
    this(accountId, imageId, instanceType, instanceName, hostName, uniqueSuffix, description, userData,
        systemDiskGiB, systemDiskCategory, amount, autoStart, clientToken, paramsHash, zoneId, tags, null, null);
  }
}
