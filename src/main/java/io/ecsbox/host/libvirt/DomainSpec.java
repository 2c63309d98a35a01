package io.ecsbox.host.libvirt;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the host needs to define one instance's libvirt domain. Built by the compute
 * service from our ids only; {@code instanceName} and {@code instanceType} are user text and
 * are escaped by the renderer.
 *
 * @param instanceId our id, also the domain name (e.g. {@code i-abc123})
 * @param vcpus virtual CPUs
 * @param memoryMiB guest memory in MiB
 * @param kvm true for a {@code kvm} domain, false for {@code qemu} (TCG)
 * @param disks the virtio disks; the first is the system disk ({@code vda}, booted from),
 *     then the data disks in device order
 * @param configDrive the NoCloud {@code cidata} ISO, attached read-only as a CD-ROM on a
 *     virtio-scsi controller so virtio data disks keep the names vdb, vdc, ...
 * @param consoleLog file the serial console is logged to (truncated at each start)
 * @param instanceName the user's instance name, kept in the domain metadata
 * @param instanceType e.g. {@code ecs.t5-lc1m1.small}, kept in the domain metadata
 * @param nics the virtio NICs, the primary one first (eth0 in the guest)
 * @param vncPassword the VNC password (ModifyInstanceVncPasswd), or null: none
 */
public record DomainSpec(
    String instanceId,
    int vcpus,
    long memoryMiB,
    boolean kvm,
    List<DiskDevice> disks,
    Path configDrive,
    Path consoleLog,
    String instanceName,
    String instanceType,
    List<NicDevice> nics,
    String vncPassword) {
  public DomainSpec {
    disks = disks == null ? List.of() : List.copyOf(disks);
    nics = nics == null ? List.of() : List.copyOf(nics);
  }

  /** A domain without a VNC password. */
  public DomainSpec(String instanceId, int vcpus, long memoryMiB, boolean kvm, List<DiskDevice> disks,
      Path configDrive, Path consoleLog, String instanceName, String instanceType, List<NicDevice> nics) {
    this(instanceId, vcpus, memoryMiB, kvm, disks, configDrive, consoleLog, instanceName, instanceType, nics, null);
  }

  /** A domain without NICs. */
  public DomainSpec(String instanceId, int vcpus, long memoryMiB, boolean kvm, List<DiskDevice> disks,
      Path configDrive, Path consoleLog, String instanceName, String instanceType) {
    this(instanceId, vcpus, memoryMiB, kvm, disks, configDrive, consoleLog, instanceName, instanceType, null, null);
  }

  /** The directory, next to the console log, where QEMU binds the console sockets; it must exist. */
  public Path consoleDir() {
    return consoleLog.resolveSibling(InstancePaths.CONSOLE_DIR);
  }

  /** The VNC server's unix socket, in the console directory. */
  public Path vncSocket() {
    return consoleDir().resolve(InstancePaths.VNC_SOCKET);
  }

  /** The serial console's unix socket, in the console directory. */
  public Path serialSocket() {
    return consoleDir().resolve(InstancePaths.SERIAL_SOCKET);
  }

  /** The system disk's file (the first disk). */
  public Path systemDisk() {
    return disks.isEmpty() ? null : disks.get(0).file();
  }
}
