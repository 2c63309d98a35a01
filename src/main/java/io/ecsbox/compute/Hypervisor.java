package io.ecsbox.compute;

import java.util.List;

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

  /** Powers the domain off at once; does nothing when it is not running. */
  void destroy(String instanceId);

  /** Removes the domain definition (destroying it first if it runs). */
  void undefine(String instanceId);

  PowerState state(String instanceId);

  /**
   * Ids of every domain on this host marked as ecsbox's, whichever daemon (data dir) made
   * it: callers tell their own apart by {@link #systemDisk}.
   */
  List<String> ownedDomains();

  /** The system disk file the domain boots from; empty when the domain is absent or not ours. */
  java.util.Optional<java.nio.file.Path> systemDisk(String instanceId);

  @Override
  void close();
}
