package io.ecsbox.daemon;

import io.ecsbox.agent.HostResources;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.compute.InstanceOperations;
import io.ecsbox.compute.InstanceService;
import io.ecsbox.compute.type.HostCapabilities;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.scheduler.Capacity;
import io.ecsbox.scheduler.Scheduler;
import java.util.concurrent.Executor;

/** Instances: their admission on this host, their lifecycle and its background work. */
final class ComputeModule {
  final InstanceOperations operations;
  final InstanceService instances;

  ComputeModule(DaemonConfig config, Stores stores, HostModule host, StorageModule storage, NetworkModule network,
      InstanceTypeCatalog types, KeyedLocks locks, Executor gated) {
    HostResources r = host.guests.resources();
    Scheduler scheduler = new Scheduler(new Capacity(r.cpus(), r.memoryMiB()), config.overcommit().cpu(),
        config.overcommit().memory(), String.join(",", config.zones()));
    operations = new InstanceOperations(stores.instances(), host.guests, gated, InstanceService.STOP_GRACE, locks,
        storage.instanceDisks, network.nics);
    instances = new InstanceService(stores.db(), stores.instances(), types, HostCapabilities.none(), operations,
        scheduler, config.zones(), storage.instanceDisks, network.nics, java.time.Clock.systemUTC());
  }
}
