package io.ecsbox.agent;

import java.util.List;

/**
 * What one host offers to guests, as its kernel reports it now: CPUs, memory (in all, and what
 * is available at this moment) and the kernel limits every guest takes from.
 */
public record HostResources(int cpus, long memoryMiB, long memoryAvailableMiB, List<HostLimit> limits) {
  public HostResources {
    limits = limits == null ? List.of() : List.copyOf(limits);
  }

  /** Without kernel limits: a host that bounds guests by CPUs and memory only. */
  public HostResources(int cpus, long memoryMiB) {
    this(cpus, memoryMiB, memoryMiB, List.of());
  }

  /**
   * A kernel limit guests take from: {@code value} in all, {@code inUse} taken now (by
   * anything), {@code perGuest} what one guest takes, and how to raise it.
   */
  public record HostLimit(String name, long value, long inUse, long perGuest, String raise) {
    /** How many guests the limit allows in all; unbounded when a guest takes none. */
    public long guests() {
      return perGuest <= 0 ? Long.MAX_VALUE : value / perGuest;
    }
  }

  /** The limit that allows the fewest guests, if any bounds them. */
  public java.util.Optional<HostLimit> tightest() {
    return limits.stream().filter(l -> l.perGuest() > 0).min(java.util.Comparator.comparingLong(HostLimit::guests));
  }
}
