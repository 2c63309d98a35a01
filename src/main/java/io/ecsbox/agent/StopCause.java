package io.ecsbox.agent;

/**
 * Why a guest is not running, as the hypervisor recorded it when it stopped. The control
 * plane asks when a guest it believed running is found stopped, to tell a guest that powered
 * itself off from one that was killed or failed.
 */
public enum StopCause {
  /** It runs (or is paused): nothing stopped it. */
  NONE("the guest is running"),
  /** The guest powered itself off (shutdown inside the guest, or an ACPI power-off). */
  GUEST_SHUTDOWN("the guest powered itself off"),
  /** Powered off through libvirt by someone other than ecsbox (e.g. {@code virsh destroy}). */
  DESTROYED("the guest was powered off through libvirt, outside ecsbox (e.g. virsh destroy)"),
  /** Its QEMU process ended without being asked to: killed by a signal, or crashed. */
  CRASHED("the guest's QEMU process ended unexpectedly: killed by a signal (the kernel's OOM killer,"
      + " kill -9) or crashed"),
  /** The kernel's OOM killer killed its QEMU process: the host ran out of memory. */
  OOM_KILLED("the kernel's OOM killer killed the guest's QEMU process: the host (or the guest's memory cgroup)"
      + " ran out of memory"),
  /** The guest kernel panicked. */
  PANICKED("the guest's kernel panicked"),
  /** The domain is no longer defined on the host. */
  GONE("the guest's domain was removed from the host outside ecsbox"),
  /** Stopped, with no reason recorded (e.g. the host rebooted). */
  UNKNOWN("the guest stopped without a recorded reason (e.g. the host rebooted)");

  private final String description;

  StopCause(String description) {
    this.description = description;
  }

  /** A sentence fragment for users, e.g. "the guest powered itself off". */
  public String description() {
    return description;
  }

  /** True when the stop was not the guest's own doing nor the user's: a failure to report. */
  public boolean failure() {
    return this != NONE && this != GUEST_SHUTDOWN;
  }
}
