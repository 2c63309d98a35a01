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
 */
public record Launch(String instanceId, String instanceName, String instanceType, int vcpus, long memoryMiB,
    String hostName, byte[] userData, List<Volume> disks, List<NicSpec> nics) {
  public Launch {
    disks = disks == null ? List.of() : List.copyOf(disks);
    nics = nics == null ? List.of() : List.copyOf(nics);
  }

  /** A launch without NICs. */
  public Launch(String instanceId, String instanceName, String instanceType, int vcpus, long memoryMiB,
      String hostName, byte[] userData, List<Volume> disks) {
    this(instanceId, instanceName, instanceType, vcpus, memoryMiB, hostName, userData, disks, null);
  }
}
