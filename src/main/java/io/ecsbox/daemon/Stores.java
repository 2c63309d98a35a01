package io.ecsbox.daemon;

import io.ecsbox.compute.InstanceEvents;
import io.ecsbox.compute.InstanceStore;
import io.ecsbox.network.NicStore;
import io.ecsbox.network.VpcStore;
import io.ecsbox.network.eip.EipStore;
import io.ecsbox.network.secgroup.SecurityGroupStore;
import io.ecsbox.storage.DiskStore;
import io.ecsbox.storage.ImageStore;
import io.ecsbox.storage.SnapshotStore;
import io.ecsbox.storage.policy.AutoSnapshotPolicyStore;
import io.ecsbox.account.AccountStore;
import io.ecsbox.store.Database;

/** Every capability's store on one database, made once so each is shared. */
record Stores(Database db, AccountStore accounts, InstanceStore instances, InstanceEvents events, DiskStore disks,
    SnapshotStore snapshots,
    ImageStore images, AutoSnapshotPolicyStore policies, VpcStore vpcs, NicStore nics, SecurityGroupStore groups,
    EipStore eips) {
  static Stores on(Database db) {
    return new Stores(db, new AccountStore(db), new InstanceStore(db),
        new InstanceEvents(db, java.time.Clock.systemUTC()), new DiskStore(db), new SnapshotStore(db),
        new ImageStore(db), new AutoSnapshotPolicyStore(db), new VpcStore(db), new NicStore(db),
        new SecurityGroupStore(db), new EipStore(db));
  }
}
