package io.ecsbox.agent;

import java.util.List;

/**
 * What a host needs to build and boot one instance.
 *
 * @param instanceName the user's name, kept in the domain's metadata (user text: escaped)
 * @param instanceType e.g. {@code ecs.t5-lc1m1.small}, kept in the domain's metadata
 * @param userData the decoded user data, possibly empty
 * @param disks the system disk first, then the data disks in device order
 * @param nics the NICs, the primary one first
 * @param access the key pair's public key and the password hash the guest gets at this start
 */
public record Launch(String instanceId, String instanceName, String instanceType, int vcpus, long memoryMiB,
    String hostName, byte[] userData, List<Volume> disks, List<NicSpec> nics, GuestAccess access) {
  public Launch {
    disks = disks == null ? List.of() : List.copyOf(disks);
    nics = nics == null ? List.of() : List.copyOf(nics);
    access = access == null ? GuestAccess.NONE : access;
  }

  /** A launch without a key pair or password. */
  public Launch(String instanceId, String instanceName, String instanceType, int vcpus, long memoryMiB,
      String hostName, byte[] userData, List<Volume> disks, List<NicSpec> nics) {
    this(instanceId, instanceName, instanceType, vcpus, memoryMiB, hostName, userData, disks, nics, null);
  }

  /** A launch without NICs. */
  public Launch(String instanceId, String instanceName, String instanceType, int vcpus, long memoryMiB,
      String hostName, byte[] userData, List<Volume> disks) {
    this(instanceId, instanceName, instanceType, vcpus, memoryMiB, hostName, userData, disks, null);
  }
}
