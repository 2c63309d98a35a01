package io.ecsbox.daemon;

import io.ecsbox.common.KeyedLocks;
import io.ecsbox.common.Metrics;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.storage.DiskService;
import io.ecsbox.storage.ImageCapture;
import io.ecsbox.storage.ImageService;
import io.ecsbox.storage.InstanceStorage;
import io.ecsbox.storage.SnapshotService;
import io.ecsbox.storage.policy.AutoSnapshotPolicyService;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;

/** Images, disks, snapshots and their policies. */
final class StorageModule {
  final SnapshotService snapshots;
  final ImageService images;
  final DiskService disks;
  final InstanceStorage instanceDisks;
  final AutoSnapshotPolicyService policies;
  final ImageCapture capture;

  /**
   * @param workers where image imports run
   * @param gated where disk and snapshot work runs (held until the start-up garbage collection is done)
   */
  StorageModule(DaemonConfig config, Stores stores, HostModule host, KeyedLocks locks, Executor workers,
      Executor gated, Metrics metrics) {
    DaemonConfig.Storage s = config.storage();
    Clock clock = Clock.systemUTC();
    snapshots = new SnapshotService(stores.snapshots(), stores.disks(), host.guests, host.volumes, locks, gated,
        s.snapshotsPerDisk(), s.autoSnapshotsPerDisk(), clock);
    images = new ImageService(stores.images(), host.images, config.dataDir(), workers, snapshots,
        account -> stores.accounts().adminAccountId().map(account::equals).orElse(false), clock, metrics);
    disks = new DiskService(stores.disks(), stores.instances(), images, snapshots, host.guests, host.volumes, locks,
        gated, Set.copyOf(config.zones()), s.poolCapacityGiB(), s.maxChainDepth(), clock);
    instanceDisks = new InstanceStorage(images, disks);
    capture = new ImageCapture(images, snapshots, disks, stores.instances());
    policies = new AutoSnapshotPolicyService(stores.policies(), snapshots, clock);
  }

  /** At start: images found and repaired, then what a crash left of disks and snapshots. */
  void reconcile() {
    images.scanSystemImages();
    images.reconcile();
    disks.reconcile();
    snapshots.reconcile();
  }
}
