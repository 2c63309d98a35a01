package io.ecsbox.agent;

import io.ecsbox.compute.PowerState;
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
  /** What the host needs to build and boot an instance. */
  record Launch(String instanceId, String instanceName, String instanceType, int vcpus,
      long memoryMiB, String hostName, byte[] userData, Path imageFile, long systemDiskBytes) {}

  /** The serial console text since the last start, and when it last changed. */
  record Console(byte[] text, Instant lastUpdate) {}

  /**
   * Ensures the system disk overlay and config drive exist (the config drive is rewritten
   * with the current host name and user data), (re)defines the domain and starts it.
   */
  void ensureRunning(Launch launch);

  /** Stops the guest: ACPI power-off, then power-off after {@code grace}; at once if force. */
  void ensureStopped(String instanceId, boolean force, Duration grace);

  /** Reboots a running guest: ACPI reboot, or power cycle when force. */
  void reboot(String instanceId, boolean force);

  /** Removes the domain, system disk overlay, config drive and console log; nothing else. */
  void release(String instanceId);

  PowerState state(String instanceId);

  /** Instance ids of the domains on this host that this agent's data dir owns. */
  List<String> ownedDomains();

  /** Instance ids that have a directory of files on this host. */
  List<String> instanceDirs();

  Console console(String instanceId, int maxBytes);

  /** True when guests run under KVM, false under TCG emulation. */
  boolean kvm();
}
