package io.ecsbox.host.libvirt;

import io.ecsbox.agent.GuestMemory;
import io.ecsbox.agent.PowerState;
import java.util.List;
import java.util.Optional;

/**
 * The narrow port the compute service needs from the hypervisor. Every operation is
 * idempotent: defining twice redefines, starting a running domain, destroying a stopped
 * one or undefining an absent one does nothing. Only domains marked as ecsbox's in their
 * metadata are ever listed or touched.
 */
public interface Hypervisor extends AutoCloseable {
  /** True when domains run under KVM, false when under TCG software emulation. */
  boolean kvm();

  /** Defines (or redefines) the persistent domain for the spec. */
  void define(DomainSpec spec);

  /** Starts the domain; does nothing when it runs already. */
  void start(String instanceId);

  /** Asks the guest to power off (ACPI); returns at once. */
  void shutdown(String instanceId);

  /** Asks the guest to reboot (ACPI); returns at once. */
  void reboot(String instanceId);

  /**
   * The config drive file the domain shows its guest: the running domain's media when it runs,
   * else its definition's; empty when the domain is absent.
   */
  Optional<java.nio.file.Path> configDrive(String instanceId);

  /**
   * Makes {@code iso} the config drive of the domain: the running guest's media is changed (in
   * one step, so the guest never sees an empty drive) and so is the definition. Does nothing
   * where it is {@code iso} already. QEMU keeps the file it had open: give a new path, never
   * one rewritten in place.
   *
   * @throws HypervisorException when the domain is absent
   */
  void changeConfigDrive(String instanceId, java.nio.file.Path iso);

  /** Powers the domain off at once; does nothing when it is not running. */
  void destroy(String instanceId);

  /** Removes the domain definition (destroying it first if it runs). */
  void undefine(String instanceId);

  PowerState state(String instanceId);

  /** The balloon's memory statistics of a running domain; empty when it does not run. */
  Optional<GuestMemory> memory(String instanceId);

  /** Why the domain is not running, from the reason libvirt recorded with its state. */
  io.ecsbox.agent.StopCause stopCause(String instanceId);

  /**
   * Ids of every domain on this host marked as ecsbox's, whichever daemon (data dir) made
   * it: callers tell their own apart by {@link #systemDisk}.
   */
  List<String> ownedDomains();

  /** The system disk file the domain boots from; empty when the domain is absent or not ours. */
  java.util.Optional<java.nio.file.Path> systemDisk(String instanceId);

  /**
   * Attaches a disk to the domain's persistent definition and, when it runs, hot-plugs it
   * into the guest. Does nothing when a disk with that serial is attached already.
   */
  void attachDisk(String instanceId, DiskDevice disk);

  /**
   * Hot-unplugs the disk with this serial from a running guest (waiting up to
   * {@code timeout} for the guest to release it, an ACPI PCI unplug) and removes it from the
   * persistent definition. Does nothing when no such disk is attached.
   *
   * @throws HypervisorException when the running guest did not release it in time: the disk
   *     then stays attached and defined, the unplug request stays pending, and calling again
   *     finishes the detach once the guest lets go
   */
  void detachDisk(String instanceId, String serial, java.time.Duration timeout);

  /**
   * Sets the VNC password of a defined domain in its config, and live when it runs with a VNC
   * password already (new VNC clients need the new one at once; QEMU cannot add password
   * authentication to a running VNC server without, so then it applies from the next start).
   * Nothing when the domain is not defined.
   */
  void setVncPassword(String instanceId, java.nio.file.Path vncSocket, String password);

  /** Adds the NIC to the domain (live when running, and to its config); nothing when it is there. */
  void attachNic(String instanceId, NicDevice nic);

  /** Removes the NIC with {@code mac} (live and config), waiting up to {@code timeout} for the guest. */
  void detachNic(String instanceId, String mac, java.time.Duration timeout);

  /**
   * The active (top) file of each disk of the domain by serial: of the running domain when it
   * runs, else of its definition. Empty when the domain is absent.
   */
  java.util.Map<String, java.nio.file.Path> diskFiles(String instanceId);

  /**
   * Live external snapshot of one disk of a running domain: {@code newTop}, an existing qcow2
   * whose backing file is the disk's current top, becomes the active layer, and the old top is
   * left read-only and unchanged. The guest is not paused (QEMU switches the layer in one
   * transaction); no libvirt snapshot metadata is kept. The persistent definition names
   * {@code newTop} afterwards too. Does nothing when {@code newTop} is the top already.
   */
  void snapshotDisk(String instanceId, String serial, java.nio.file.Path newTop);

  /**
   * Grows one disk of a running domain to {@code bytes}, a multiple of 512; the guest sees the
   * new size. Does nothing at that size already; refuses to shrink.
   */
  void resizeDisk(String instanceId, String serial, long bytes);

  /**
   * Copies into the running disk's active layer the data of its backing layers above
   * {@code base} and makes {@code base} its backing file ({@code null}: copy everything, no
   * backing file left). Returns when the job has finished. The guest sees the same data
   * throughout. Does nothing when the chain already has that shape; a job still running from
   * an earlier call is waited for.
   */
  void pullDisk(String instanceId, String serial, java.nio.file.Path base);

  /**
   * Commits the data of {@code top}, an inactive layer in the backing chain of a running
   * disk, into {@code base}, its direct backing file, and drops {@code top} from the chain (its
   * child now backs onto {@code base}). Returns when the job has finished; the caller deletes
   * {@code top}'s file. Does nothing when {@code top} is no longer in the chain.
   */
  void commitDisk(String instanceId, String serial, java.nio.file.Path top, java.nio.file.Path base);

  @Override
  void close();
}
