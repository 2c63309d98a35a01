package io.ecsbox.storage;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.compute.FakeAgent;
import io.ecsbox.store.Database;
import io.ecsbox.compute.InstanceStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot bookkeeping on a host in memory (the real qcow2 work is in SnapshotChainIT): the
 * layer tree, quotas, automatic snapshot rotation and retention.
 */
class SnapshotServiceTest {
  private static final String ACCOUNT = "acc";
  @TempDir Path dir;
  private Database db;
  private DiskService disks;
  private SnapshotService snapshots;
  private FakeAgent agent;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    agent = new FakeAgent();
    KeyedLocks locks = new KeyedLocks();
    DiskStore diskStore = new DiskStore(db);
    snapshots = new SnapshotService(new SnapshotStore(db), diskStore, agent, agent, locks, Runnable::run, 2, 2,
        java.time.Clock.systemUTC());
    disks = new DiskService(diskStore, new InstanceStore(db), null, snapshots, agent, agent, locks, Runnable::run,
        Set.of("z"), 1000, DiskService.DEFAULT_MAX_CHAIN_DEPTH, java.time.Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private String disk() {
    return disks.create(ACCOUNT, new DiskService.DiskRequest("z", 20, "cloud_efficiency", null, null, "d", "", false));
  }

  private List<String> ids(String diskId) {
    return snapshots.list(ACCOUNT).stream().filter(s -> s.diskId().equals(diskId)).map(Snapshot::id).toList();
  }

  @Test
  void eachSnapshotFreezesTheTopAndTheDiskGetsANewLayerOnIt() {
    String d = disk();
    String top0 = disks.get(ACCOUNT, d).file();
    String s1 = snapshots.create(ACCOUNT, d, "one", "", null);
    Snapshot snap = snapshots.get(ACCOUNT, s1);
    assertEquals("accomplished", snap.status());
    assertEquals(top0, snap.file(), "the old top is the snapshot's layer");
    String top1 = disks.get(ACCOUNT, d).file();
    assertEquals(top0, db.tx(c -> DiskStore.layer(c, top1)).orElseThrow().parent(), "the new top backs onto it");
    assertTrue(agent.calls.contains("snapshotDisk " + d), agent.calls.toString());
  }

  @Test
  void aDiskWithoutItsFileYetGetsItBeforeTheSnapshotLayersOnIt() {
    String d = disk();
    String top0 = disks.get(ACCOUNT, d).file();
    agent.deleteVolume(Volumes.path(top0)); // as a never started instance's disks: rows, no file
    snapshots.create(ACCOUNT, d, "one", "", null);
    assertTrue(agent.volumeExists(Volumes.path(top0)), "the snapshot's layer exists: " + agent.calls);
    assertTrue(agent.calls.indexOf("ensureVolume " + d) < agent.calls.lastIndexOf("snapshotDisk " + d),
        agent.calls.toString());
  }

  @Test
  void manualSnapshotsStopAtTheQuotaAndAutomaticOnesRotate() {
    String d = disk();
    snapshots.create(ACCOUNT, d, "m1", "", null);
    snapshots.create(ACCOUNT, d, "m2", "", null);
    EcsException e = TestErrors.thrown(() -> snapshots.create(ACCOUNT, d, "m3", "", null));
    assertEquals("QuotaExceed.Snapshot", e.code());
    assertEquals(2, ids(d).size(), "the refusal made nothing");

    String a1 = snapshots.createAutoSnapshot(ACCOUNT, d, "sp-1", 7);
    String a2 = snapshots.createAutoSnapshot(ACCOUNT, d, "sp-1", 7);
    String a3 = snapshots.createAutoSnapshot(ACCOUNT, d, "sp-1", 7);
    List<String> left = ids(d);
    assertTrue(!left.contains(a1) && left.contains(a2) && left.contains(a3), "the oldest automatic one went: " + left);
    assertEquals(4, left.size(), "2 manual + 2 automatic");
  }

  @Test
  void retentionExpiresSnapshotsAndDeletingTheDiskTakesItsAutomaticOnes() {
    String d = disk();
    String keep = snapshots.create(ACCOUNT, d, "keep", "", null);
    String week = snapshots.create(ACCOUNT, d, "week", "", 7);
    String auto = snapshots.createAutoSnapshot(ACCOUNT, d, "sp-1", -1);
    assertEquals(List.of(), snapshots.expireSnapshots(Instant.now().plusSeconds(6 * 86_400)));
    assertEquals(List.of(week), snapshots.expireSnapshots(Instant.now().plusSeconds(8 * 86_400)));
    assertEquals(List.of(keep, auto), ids(d));

    disks.delete(ACCOUNT, d);
    assertEquals(List.of(keep), snapshots.list(ACCOUNT).stream().map(Snapshot::id).toList(),
        "a manual snapshot outlives its disk, an automatic one does not (DeleteAutoSnapshot)");
  }

  @Test
  void flatteningALongChainMakesALayerNamedFlatThatNoSnapshotOwns() {
    DiskService shortChains = new DiskService(new DiskStore(db), new InstanceStore(db), null, snapshots, agent, agent,
        new KeyedLocks(), Runnable::run, Set.of("z"), 1000, 2, java.time.Clock.systemUTC());
    String d = disk();
    String s1 = snapshots.create(ACCOUNT, d, "one", "", null);
    String s2 = snapshots.create(ACCOUNT, d, "two", "", null);
    String top = disks.get(ACCOUNT, d).file();
    shortChains.compactIfDeep(disks.get(ACCOUNT, d));

    String flat = db.tx(c -> DiskStore.layer(c, top)).orElseThrow().parent();
    assertTrue(Volumes.flat(flat), "the active layer rests on a flattened layer: " + flat);
    assertEquals(null, db.tx(c -> DiskStore.layer(c, flat)).orElseThrow().parent(), "on nothing, as the chain's root");
    assertEquals(List.of(), db.tx(c -> SnapshotStore.ofFile(c, flat)), "no snapshot owns it");
    for (String s : List.of(s1, s2)) {
      String f = snapshots.get(ACCOUNT, s).file();
      assertTrue(!Volumes.flat(f) && db.tx(c -> DiskStore.layer(c, f)).isPresent(), s + " keeps its layer " + f);
    }
    assertTrue(!Volumes.flat(Volumes.newLayer(d)) && !Volumes.flat(top), "other layers are not named flat");
  }

  /**
   * A live commit of a running chain's inactive layer C into L rewrites the header of that
   * chain's layer above C only: a disk made from C's snapshot would still name C, whose file the
   * commit's bookkeeping deletes. Such a merge waits until the instance stops, then rebases.
   */
  @Test
  void aLayerADiskWasMadeFromIsNotCommittedAwayUnderThatDisk() {
    String d1 = disk();
    db.tx(c -> Database.update(c, "UPDATE disks SET status = 'In_use', instance_id = 'i-run', device = '/dev/xvdb'"
        + " WHERE disk_id = ?", d1));
    agent.running("i-run");
    String older = snapshots.create(ACCOUNT, d1, "older", "", null);
    String newer = snapshots.create(ACCOUNT, d1, "newer", "", null);
    String below = snapshots.get(ACCOUNT, older).file();
    String frozen = snapshots.get(ACCOUNT, newer).file(); // inside the running chain, above the older one
    String d2 = disks.create(ACCOUNT, new DiskService.DiskRequest("z", 20, "cloud_efficiency", null, newer, "copy",
        "", false));
    String d2top = disks.get(ACCOUNT, d2).file();
    assertEquals(frozen, parentOf(d2top));

    snapshots.delete(ACCOUNT, older, false);
    assertTrue(agent.calls.stream().noneMatch(x -> x.startsWith("commitDisk")), agent.calls.toString());
    assertTrue(agent.volumeExists(Volumes.path(frozen)), "the layer " + d2 + " rests on stays");
    assertEquals(frozen, parentOf(d2top));
    assertTrue(snapshots.find(older).orElseThrow().deleting(), "the deletion waits");

    agent.ensureStopped("i-run", false, java.time.Duration.ZERO);
    snapshots.retryDeletions();
    assertTrue(snapshots.find(older).isEmpty(), "merged once the guest stopped");
    assertTrue(agent.calls.contains("rebaseVolume " + Volumes.path(frozen).getFileName()), agent.calls.toString());
    assertEquals(null, parentOf(frozen), "the newer snapshot's layer took the older one's data");
    assertTrue(db.tx(c -> DiskStore.layer(c, below)).isEmpty(), "the older layer went");
    assertEquals(frozen, parentOf(d2top));
  }

  /** A kill between the header change of a flattening and the store's: what the restart does. */
  @Test
  void aFlatteningCutByACrashIsRecordedAtStartOnlyWhenTheHeaderAlreadyNamesTheFlatLayer() {
    String d = disk();
    snapshots.create(ACCOUNT, d, "one", "", null);
    String top = disks.get(ACCOUNT, d).file();
    String from = parentOf(top);
    String cut = Volumes.newFlatLayer(d); // killed after the header changed
    String early = Volumes.newFlatLayer(d); // killed before it did
    for (String flat : List.of(cut, early)) {
      db.tx(c -> {
        DiskStore.insertLayer(c, new DiskStore.Layer(flat, null, d), Instant.now());
        return null;
      });
      agent.ensureVolume(new io.ecsbox.agent.Volume(d, "vdb", Volumes.path(flat), null, 1L << 30, null));
    }
    agent.backing.put(Volumes.path(top), Volumes.path(cut));

    disks.reconcile();
    disks.collectGarbage(Set.of());
    assertEquals(cut, parentOf(top), "the store follows the header");
    assertTrue(agent.volumeExists(Volumes.path(cut)), "the flat layer the disk reads through stays");
    assertTrue(db.tx(c -> DiskStore.layer(c, early)).isEmpty() && !agent.volumeExists(Volumes.path(early)),
        "the one no header names is collected");
    assertTrue(db.tx(c -> DiskStore.layer(c, from)).isPresent(), "the snapshot keeps its layer " + from);
  }

  private String parentOf(String file) {
    return db.tx(c -> DiskStore.layer(c, file)).orElseThrow().parent();
  }

  @Test
  void unknownDisksAndOtherAccountsGetNotFound() {
    String d = disk();
    assertEquals("InvalidDiskId.NotFound",
        TestErrors.thrown(() -> snapshots.create(ACCOUNT, "d-nope", "", "", null)).code());
    assertEquals("InvalidDiskId.NotFound",
        TestErrors.thrown(() -> snapshots.create("other", d, "", "", null)).code());
  }
}
