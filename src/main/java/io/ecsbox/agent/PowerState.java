package io.ecsbox.agent;

/** What the hypervisor says of a domain, reduced to what the lifecycle needs. */
public enum PowerState {
  /** No such domain is defined. */
  ABSENT,
  /** Defined and not running. */
  SHUTOFF,
  RUNNING,
  PAUSED,
  /** Shutting down, crashed, or any other transitional state. */
  OTHER;

  /**
   * True while a QEMU process may hold the domain's disks (running, paused, shutting down):
   * then disk changes must go through the hypervisor, never to the files directly.
   */
  public boolean live() {
    return this != ABSENT && this != SHUTOFF;
  }
}
