package io.ecsbox.daemon;

import io.ecsbox.agent.HostResources;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.common.Metrics;
import io.ecsbox.compute.InstanceOperations;
import io.ecsbox.compute.InstanceService;
import io.ecsbox.compute.type.HostCapabilities;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.scheduler.Scheduler;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Instances: their admission on this host, their lifecycle and its background work. */
final class ComputeModule {
  private static final Logger log = LoggerFactory.getLogger(ComputeModule.class);
  final InstanceOperations operations;
  final InstanceService instances;
  final Scheduler scheduler;
  private final HostModule host;
  private final long memoryReserveMiB;
  private final double memoryOvercommit;
  /** The smallest instance type's memory: what "guests the memory holds" counts in. */
  private final long smallestGuestMiB;
  private boolean memoryLow;

  ComputeModule(DaemonConfig config, Stores stores, HostModule host, StorageModule storage, NetworkModule network,
      InstanceTypeCatalog types, KeyedLocks locks, Executor gated, Metrics metrics) {
    this.host = host;
    smallestGuestMiB = types.smallest().memoryMiB();
    HostResources r = host.guests.resources();
    memoryReserveMiB = config.overcommit().reserveMiB(r.memoryMiB());
    memoryOvercommit = config.overcommit().memory();
    scheduler = new Scheduler(host.guests::resources, config.overcommit().cpu(), memoryOvercommit,
        memoryReserveMiB, String.join(",", config.zones()), metrics);
    operations = new InstanceOperations(stores.instances(), host.guests, gated, InstanceService.STOP_GRACE, locks,
        storage.instanceDisks, network.nics, stores.events(), java.time.Clock.systemUTC());
    instances = new InstanceService(stores.db(), stores.instances(), types, HostCapabilities.none(), operations,
        scheduler, config.zones(), storage.instanceDisks, network.nics, java.time.Clock.systemUTC());
  }

  /**
   * Says what the host admits and which limit binds first; warns about a kernel limit that
   * allows fewer guests than the memory would hold (host-setup/setup.sh raises them).
   */
  void logCapacity() {
    HostResources r = host.guests.resources();
    Scheduler.Capacity cap = scheduler.capacity();
    long byMemory = cap.memoryMiB() / smallestGuestMiB;
    log.info("capacity: {} vCPUs and {} MiB of memory for guests ({} guests of {} MiB); host {} CPUs, {} MiB",
        cap.vcpus(), cap.memoryMiB(), byMemory, smallestGuestMiB, r.cpus(), r.memoryMiB());
    for (HostResources.HostLimit l : r.limits()) {
      String allows = l.perGuest() <= 0 ? "no bound" : l.guests() + " guests";
      log.info("capacity: {} = {} ({} in use, {} per guest): {}", l.name(), l.value(), l.inUse(), l.perGuest(),
          allows);
      if (l.perGuest() > 0 && l.guests() < byMemory) {
        log.warn("capacity: {} allows only {} guests, fewer than the memory holds ({}): raise it ({})", l.name(),
            l.guests(), byMemory, l.raise());
      }
    }
  }

  /**
   * Warns once when the memory available on the host falls below its reserve (and says when it
   * is back): the kernel's OOM killer is near and would pick guests.
   */
  void watchMemory() {
    long available = host.guests.resources().memoryAvailableMiB();
    boolean low = available < memoryReserveMiB;
    if (low && !memoryLow) {
      log.warn("host memory low: {} MiB available, less than the {} MiB kept for the host; {}", available,
          memoryReserveMiB, memoryOvercommit > 1
              ? "starts are refused until it is back (memory is overcommitted: ECSBOX_MEMORY_OVERCOMMIT "
                  + memoryOvercommit + ")"
              : "something besides ecsbox's guests is using it; the OOM killer may soon stop guests");
    } else if (!low && memoryLow) {
      log.info("host memory back: {} MiB available", available);
    }
    memoryLow = low;
  }
}
