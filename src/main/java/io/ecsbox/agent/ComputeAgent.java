package io.ecsbox.agent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The guests of one host: their domains, NICs, consoles and the host's resources. Every call
 * is synchronous and idempotent, so a crash half-way is repaired by calling it again, and takes
 * and returns plain values, so a remote host can serve it.
 */
public interface ComputeAgent {
  /**
   * Ensures every disk file exists (see {@link Volume}) and the config drive (rewritten with the
   * current host name, user data and NICs), (re)defines the domain and starts it.
   */
  void ensureRunning(Launch launch);

  /** Stops the guest: ACPI power-off, then power-off after {@code grace}; at once if force. */
  void ensureStopped(String instanceId, boolean force, Duration grace);

  /**
   * Reboots a running guest: ACPI reboot, or power cycle when force. First the config drive is
   * rewritten from the launch (host name, user data, NICs, access) and the guest's drive is
   * changed to it, so the guest boots again with them; the launch's disks are not looked at
   * (the domain keeps its own).
   */
  void reboot(Launch launch, boolean force);

  /** Removes the domain, config drive and console log; never a disk (disks have their own life). */
  void release(String instanceId);

  PowerState state(String instanceId);

  /** Why the guest is not running ({@link StopCause#NONE} when it runs). */
  StopCause stopCause(String instanceId);

  /** Instance ids of the domains on this host that this agent owns. */
  List<String> ownedDomains();

  /** Instance ids that have a directory of files on this host. */
  List<String> instanceDirs();

  Console console(String instanceId, int maxBytes);

  /** The memory of a running guest, as its balloon driver reports it; empty when it does not run. */
  Optional<GuestMemory> memory(String instanceId);

  /** True when guests run under KVM, false under TCG emulation. */
  boolean kvm();

  /** The host's CPUs and memory. */
  HostResources resources();

  /** Adds the NIC to the instance's domain, hot-plugging it when the guest runs; idempotent. */
  void attachNic(String instanceId, NicSpec nic);

  /** Removes the NIC with this MAC from the domain, hot-unplugging it when the guest runs; idempotent. */
  void detachNic(String instanceId, String mac);
}
