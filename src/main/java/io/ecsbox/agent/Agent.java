package io.ecsbox.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The per-host side of ecsbox: makes one host match what the control plane decided. Every
 * call is synchronous and idempotent, so a crash half-way is repaired by calling it again.
 * The all-in-one daemon uses {@link LocalAgent}; a multi-host control plane would call the
 * same interface on a remote host.
 */
public interface Agent {
  /**
   * What the host needs to build and boot an instance.
   *
   * @param disks the system disk first, then the data disks in device order
   * @param nics the NICs, the primary one first
   */
  record Launch(String instanceId, String instanceName, String instanceType, int vcpus,
      long memoryMiB, String hostName, byte[] userData, List<Volume> disks,
      List<io.ecsbox.host.libvirt.NicDevice> nics) {
    public Launch {
      nics = nics == null ? List.of() : List.copyOf(nics);
    }

    /** A launch without NICs. */
    public Launch(String instanceId, String instanceName, String instanceType, int vcpus, long memoryMiB,
        String hostName, byte[] userData, List<Volume> disks) {
      this(instanceId, instanceName, instanceType, vcpus, memoryMiB, hostName, userData, disks, null);
    }
  }

  /**
   * One disk as the host sees it: its active qcow2 layer {@code file}, which, when absent, is
   * created as an overlay on {@code backing} (a qcow2; null: an empty disk) of
   * {@code sizeBytes}. Paths are absolute.
   */
  record Volume(String diskId, String target, Path file, Path backing, long sizeBytes,
      io.ecsbox.agent.IoTune ioTune) {}

  /** The serial console text since the last start, and when it last changed. */
  record Console(byte[] text, Instant lastUpdate) {}

  /**
   * Ensures every disk file exists (see {@link Volume}) and the config drive (the config drive is rewritten
   * with the current host name and user data), (re)defines the domain and starts it.
   */
  void ensureRunning(Launch launch);

  /** Stops the guest: ACPI power-off, then power-off after {@code grace}; at once if force. */
  void ensureStopped(String instanceId, boolean force, Duration grace);

  /** Reboots a running guest: ACPI reboot, or power cycle when force. */
  void reboot(String instanceId, boolean force);

  /** Removes the domain, config drive and console log; never a disk (disks have their own life). */
  void release(String instanceId);

  PowerState state(String instanceId);

  /** Instance ids of the domains on this host that this agent's data dir owns. */
  List<String> ownedDomains();

  /** Instance ids that have a directory of files on this host. */
  List<String> instanceDirs();

  Console console(String instanceId, int maxBytes);

  /** True when guests run under KVM, false under TCG emulation. */
  boolean kvm();

  // ---- disks

  /** Creates the volume's file if absent and grows it to its size; idempotent. */
  void ensureVolume(Volume v);

  /** Deletes a disk layer file; nothing when absent. */
  void deleteVolume(Path file);

  /** Attaches the disk to the instance's domain, hot-plugging it when the guest runs. */
  void attachDisk(String instanceId, Volume v);

  /** Detaches the disk from the instance's domain, hot-unplugging it when the guest runs. */
  void detachDisk(String instanceId, String diskId);

  // ---- NICs

  /** Adds the NIC to the instance's domain, hot-plugging it when the guest runs; idempotent. */
  void attachNic(String instanceId, io.ecsbox.host.libvirt.NicDevice nic);

  /** Removes the NIC with this MAC from the domain, hot-unplugging it when the guest runs; idempotent. */
  void detachNic(String instanceId, String mac);

  /**
   * Freezes the disk's active layer {@code top}: creates {@code newTop} on it and makes
   * {@code newTop} the disk's active layer (live when {@code runningInstanceId} is non-null).
   */
  void snapshotDisk(String runningInstanceId, String diskId, Path top, Path newTop, long sizeBytes);

  /** Grows the disk: live through the hypervisor when the instance runs, else its file. */
  void resizeDisk(String runningInstanceId, String diskId, Path top, long sizeBytes);

  /** Offline: makes {@code newBacking} (null: none) the backing of {@code file}, content unchanged. */
  void rebaseVolume(Path file, Path newBacking);

  /** Live: pulls the layers above {@code base} into the running disk's active layer. */
  void pullDisk(String instanceId, String diskId, Path base);

  /** Live: commits an inactive layer {@code top} of a running disk's chain into its backing {@code base}. */
  void commitDisk(String instanceId, String diskId, Path top, Path base);

  /**
   * Offline: makes {@code flat}, a new layer on {@code root} (null: none) that reads exactly as
   * the chain ending in {@code from}, holding only the data written above {@code root}; then
   * points {@code top} (whose backing is {@code from}) at it. Idempotent.
   */
  void flattenUnder(Path top, Path from, Path root, Path flat, long sizeBytes);

  /** The backing file the qcow2 header of {@code file} names (read without locking it). */
  java.util.Optional<Path> backingOf(Path file);


  /** The active layer file of each disk of the instance's domain, by disk id. */
  java.util.Map<String, Path> diskFiles(String instanceId);

  /** Every layer file in this host's volume directory, and the .part files of unfinished ones. */
  List<Path> volumeFiles();
}
