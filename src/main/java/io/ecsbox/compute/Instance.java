package io.ecsbox.compute;

import java.time.Instant;
import java.util.Map;

/**
 * One instance as the store holds it. {@code userData} is the Base64 text the API received;
 * {@code deleting} marks a release in progress (shown as Stopping, finished by the
 * reconciler after a crash); {@code statusReason} is set while the status is one the host
 * chose (null otherwise); {@code keyPairName} is the bound key pair ("" for none), which the
 * guest gets at its next start.
 */
public record Instance(
    String id,
    String accountId,
    String name,
    String hostName,
    String description,
    InstanceStatus status,
    String instanceType,
    int vcpus,
    long memoryMiB,
    String imageId,
    String zoneId,
    int systemDiskGiB,
    String systemDiskCategory,
    String userData,
    String serialNumber,
    Instant created,
    Instant started,
    boolean deleting,
    Map<String, String> tags,
    StatusReason statusReason,
    String keyPairName) {

  public Instance withStatus(InstanceStatus s) {
    return new Instance(id, accountId, name, hostName, description, s, instanceType, vcpus,
        memoryMiB, imageId, zoneId, systemDiskGiB, systemDiskCategory, userData, serialNumber,
        created, started, deleting, tags, statusReason, keyPairName);
  }
}
