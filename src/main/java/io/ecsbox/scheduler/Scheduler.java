package io.ecsbox.scheduler;

import io.ecsbox.agent.HostResources;
import io.ecsbox.agent.HostResources.HostLimit;
import io.ecsbox.common.Generic;
import io.ecsbox.common.Metrics;
import io.ecsbox.common.ServiceException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one-host scheduler: admits new or starting instances while what the instances holding
 * resources (all but Stopped ones) take fits every resource of the host:
 * <ul>
 *   <li>vCPUs, times {@code ECSBOX_CPU_OVERCOMMIT} (idle guests use little CPU);
 *   <li>memory: the host's memory less its reserve for itself, times
 *       {@code ECSBOX_MEMORY_OVERCOMMIT} (1 by default: as ECS, memory is not overcommitted); with
 *       overcommit, a start also needs the memory available on the host right now (less the
 *       reserve) to hold the new guests and those still starting, at {@link #FOOTPRINT_MIB} each
 *       at most, so the kernel's OOM killer never picks the guests;
 *   <li>every kernel limit a guest takes from (AIO events, PTYs, open files of libvirtd...).
 * </ul>
 * Beyond any of them it answers {@link Generic#NO_STOCK}, naming what ran out.
 */
public final class Scheduler {
  // Labs run many mostly idle guests: 100 small instances must fit a 2-core host (the product notes).
  public static final double DEFAULT_CPU_OVERCOMMIT = 64.0;
  public static final double DEFAULT_MEMORY_OVERCOMMIT = 1.0;
  /** What a guest takes of host memory at most, when less than its type's memory (measured: tiny ~150 MiB). */
  public static final long FOOTPRINT_MIB = 256;

  private final Supplier<HostResources> host;
  private final double cpuOvercommit;
  private final double memoryOvercommit;
  private final long memoryReserveMiB;
  private final String zone;
  private final Metrics metrics;

  /** A scheduler that reports its decisions nowhere. */
  public Scheduler(Supplier<HostResources> host, double cpuOvercommit, double memoryOvercommit,
      long memoryReserveMiB, String zone) {
    this(host, cpuOvercommit, memoryOvercommit, memoryReserveMiB, zone, Metrics.NONE);
  }

  /**
   * @param host the host's resources now (asked at every admission)
   * @param memoryReserveMiB memory kept for the host itself (its kernel, libvirt, the daemon)
   * @param metrics where each admission decision is counted
   */
  public Scheduler(Supplier<HostResources> host, double cpuOvercommit, double memoryOvercommit,
      long memoryReserveMiB, String zone, Metrics metrics) {
    if (cpuOvercommit <= 0 || memoryOvercommit <= 0 || memoryReserveMiB < 0) {
      throw new IllegalArgumentException("overcommit ratios must be positive and the reserve not negative");
    }
    this.host = host;
    this.cpuOvercommit = cpuOvercommit;
    this.memoryOvercommit = memoryOvercommit;
    this.memoryReserveMiB = memoryReserveMiB;
    this.zone = zone;
    this.metrics = metrics;
  }

  /** What instances holding resources use now: their vCPUs and memory, how many, how many still starting. */
  public record Usage(int vcpus, long memoryMiB, int guests, int starting) {
    public Usage(int vcpus, long memoryMiB) {
      this(vcpus, memoryMiB, 0, 0);
    }
  }

  /** What the host admits in all: its vCPU and memory limits, and the kernel limit that binds first. */
  public record Capacity(long vcpus, long memoryMiB, Optional<HostLimit> tightest) {
    public long guests() {
      return tightest.map(HostLimit::guests).orElse(Long.MAX_VALUE);
    }
  }

  public Capacity capacity() {
    return capacity(host.get());
  }

  private Capacity capacity(HostResources h) {
    return new Capacity((long) Math.floor(h.cpus() * cpuOvercommit),
        (long) Math.floor(Math.max(0, h.memoryMiB() - memoryReserveMiB) * memoryOvercommit), h.tightest());
  }

  /**
   * Admits {@code count} instances of {@code vcpus} / {@code memoryMiB} each on top of
   * {@code used}, or throws {@link Generic#NO_STOCK} saying what is free.
   */
  public void admit(Usage used, int count, int vcpus, long memoryMiB) {
    HostResources h = host.get();
    Capacity cap = capacity(h);
    long cpuWanted = used.vcpus() + (long) count * vcpus;
    long memWanted = used.memoryMiB() + (long) count * memoryMiB;
    if (cpuWanted > cap.vcpus() || memWanted > cap.memoryMiB()) {
      throw noStock("cpu_memory",
          String.format("%d instance(s) of %d vCPU / %d MiB need %d vCPU / %d MiB, but only %d vCPU"
              + " / %d MiB are free (host %d CPUs x %.1f, %d MiB less %d MiB for the host x %.1f).",
          count, vcpus, memoryMiB, (long) count * vcpus, (long) count * memoryMiB,
          Math.max(0, cap.vcpus() - used.vcpus()), Math.max(0, cap.memoryMiB() - used.memoryMiB()),
          h.cpus(), cpuOvercommit, h.memoryMiB(), memoryReserveMiB, memoryOvercommit));
    }
    Optional<HostLimit> limit = cap.tightest();
    if (limit.isPresent() && used.guests() + (long) count > limit.get().guests()) {
      HostLimit l = limit.get();
      throw noStock("host_limit",
          String.format("%d more instance(s) would make %d, but the host's %s (%d, %d per guest)"
              + " allows %d guests; raise it: %s.", count, used.guests() + count, l.name(), l.value(), l.perGuest(),
          l.guests(), l.raise()));
    }
    if (memoryOvercommit > 1) {
      long footprint = Math.min(memoryMiB, FOOTPRINT_MIB);
      long room = h.memoryAvailableMiB() - memoryReserveMiB - (long) used.starting() * FOOTPRINT_MIB;
      if ((long) count * footprint > room) {
        throw noStock("memory_available",
          String.format("the host has %d MiB of memory available now (%d MiB kept for the host, %d"
                + " guest(s) still starting): not enough for %d more guest(s) of up to %d MiB each. Memory is"
                + " overcommitted (ECSBOX_MEMORY_OVERCOMMIT %.1f); starting more would wake the OOM killer.",
            h.memoryAvailableMiB(), memoryReserveMiB, used.starting(), count, footprint, memoryOvercommit));
      }
    }
    metrics.schedulerDecision("admitted");
  }

  private ServiceException noStock(String result, String why) {
    metrics.schedulerDecision(result);
    return new ServiceException(Generic.NO_STOCK, "The resource is out of stock in zone " + zone + ": " + why);
  }
}
