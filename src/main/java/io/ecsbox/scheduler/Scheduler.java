package io.ecsbox.scheduler;

import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;

/**
 * The one-host scheduler: admits new or starting instances while the vCPUs and memory of the
 * instances that hold resources fit the host times its overcommit ratios. Guests touch little
 * of their memory and idle guests use little CPU, so some overcommit is the useful default;
 * {@code ECSBOX_CPU_OVERCOMMIT} and {@code ECSBOX_MEMORY_OVERCOMMIT} set it.
 */
public final class Scheduler {
  // Labs run many mostly idle guests: 100 small instances must fit a 2-core host (the product notes).
  public static final double DEFAULT_CPU_OVERCOMMIT = 64.0;
  public static final double DEFAULT_MEMORY_OVERCOMMIT = 4.0;

  private final Capacity host;
  private final double cpuOvercommit;
  private final double memoryOvercommit;
  private final String zone;

  public Scheduler(Capacity host, double cpuOvercommit, double memoryOvercommit, String zone) {
    if (cpuOvercommit <= 0 || memoryOvercommit <= 0) {
      throw new IllegalArgumentException("overcommit ratios must be positive");
    }
    this.host = host;
    this.cpuOvercommit = cpuOvercommit;
    this.memoryOvercommit = memoryOvercommit;
    this.zone = zone;
  }

  /** What instances holding resources use now. */
  public record Usage(int vcpus, long memoryMiB) {}

  /**
   * Admits {@code count} instances of {@code vcpus} / {@code memoryMiB} each on top of
   * {@code used}, or throws {@link Generic#NO_STOCK} saying what is free.
   */
  public void admit(Usage used, int count, int vcpus, long memoryMiB) {
    long cpuLimit = (long) Math.floor(host.cpus() * cpuOvercommit);
    long memLimit = (long) Math.floor(host.memoryMiB() * memoryOvercommit);
    long cpuWanted = used.vcpus() + (long) count * vcpus;
    long memWanted = used.memoryMiB() + (long) count * memoryMiB;
    if (cpuWanted > cpuLimit || memWanted > memLimit) {
      throw new ServiceException(Generic.NO_STOCK, String.format(
          "The resource is out of stock in zone %s: %d instance(s) of %d vCPU / %d MiB need %d vCPU / %d MiB,"
              + " but only %d vCPU / %d MiB are free (host %d CPUs x %.1f, %d MiB x %.1f).",
          zone, count, vcpus, memoryMiB, (long) count * vcpus, (long) count * memoryMiB,
          Math.max(0, cpuLimit - used.vcpus()), Math.max(0, memLimit - used.memoryMiB()),
          host.cpus(), cpuOvercommit, host.memoryMiB(), memoryOvercommit));
    }
  }
}
