package io.ecsbox.config;

/** How guests are accelerated: {@code ECSBOX_ACCEL}. */
public enum AccelMode {
  /** KVM when libvirt offers it, else TCG. */
  AUTO,
  /** KVM or nothing: the daemon refuses to start without it. */
  KVM,
  /** QEMU's software emulation, even where KVM works. */
  TCG
}
