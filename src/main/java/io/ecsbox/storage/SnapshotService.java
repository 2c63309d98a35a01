package io.ecsbox.storage;

import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.agent.Volume;
import io.ecsbox.agent.VolumeAgent;
import io.ecsbox.common.Ids;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.common.ServiceException;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental snapshots as external qcow2 snapshots. Taking one freezes the disk's active
 * layer (it becomes the snapshot) and puts a new empty layer on top, live through the
 * hypervisor when the guest runs: O(1) in disk size, and the snapshot holds only what was
 * written since the previous one. Deleting one merges its layer's data into each child layer
 * first (offline rebase, live pull, or live commit), so every other snapshot and every disk
 * reads exactly as before. Every step is recorded first and repeated by {@link #reconcile}
 * after a crash.
 */
public final class SnapshotService implements AutoSnapshotTarget, ImageService.SnapshotContent {
  private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);
  private static final long GIB = 1L << 30;

  private final SnapshotStore store;
  private final DiskStore disks;
  private final Database db;
  private final ComputeAgent guests;
  private final VolumeAgent agent;
  private final KeyedLocks locks;
  private final Executor workers;
  private final int maxManualPerDisk;
  private final int maxAutoPerDisk;
  private final Clock clock;

  public SnapshotService(SnapshotStore store, DiskStore disks, ComputeAgent guests, VolumeAgent agent, KeyedLocks locks,
      Executor workers, int maxManualPerDisk, int maxAutoPerDisk, Clock clock) {
    this.clock = clock;
    this.store = store;
    this.disks = disks;
    this.db = disks.db();
    this.guests = guests;
    this.agent = agent;
    this.locks = locks;
    this.workers = workers;
    this.maxManualPerDisk = maxManualPerDisk;
    this.maxAutoPerDisk = maxAutoPerDisk;
  }

  public List<Snapshot> list(String accountId) {
    return store.all().stream().filter(s -> s.accountId().equals(accountId) && !s.deleting()).toList();
  }

  public Snapshot get(String accountId, String id) {
    return store.find(id).filter(s -> s.accountId().equals(accountId) && !s.deleting())
        .orElseThrow(() -> SnapshotError.notFound(id));
  }

  /** True while a snapshot of the disk is being taken. */
  public boolean progressingOn(String diskId) {
    return store.all().stream().anyMatch(s -> s.diskId().equals(diskId) && "progressing".equals(s.status()));
  }

  // ---- CreateSnapshot

  /** Records a manual snapshot and takes it in the background; returns its id at once. */
  public String create(String accountId, String diskId, String name, String description, Integer retentionDays) {
    return create(accountId, diskId, name, description, retentionDays, "user", null);
  }

  @Override
  public String createAutoSnapshot(String accountId, String diskId, String policyId, int retentionDays) {
    List<Snapshot> autos = db.tx(c -> SnapshotStore.ofDisk(c, diskId)).stream()
        .filter(s -> "auto".equals(s.type())).toList();
    for (int n = 0; n <= autos.size() - maxAutoPerDisk; n++) {
      Snapshot oldest = autos.get(n);
      log.info("disk {} holds {} automatic snapshots: deleting the oldest, {}", diskId, autos.size(), oldest.id());
      delete(accountId, oldest.id(), true);
    }
    return create(accountId, diskId, "auto_" + clock.instant().truncatedTo(ChronoUnit.SECONDS), "", retentionDays,
        "auto", policyId);
  }

  private String create(String accountId, String diskId, String name, String description, Integer retentionDays,
      String type, String policyId) {
    Disk d = disks.find(diskId).filter(x -> x.accountId().equals(accountId) && !x.deleting())
        .orElseThrow(DiskError::notFound);
    if (d.status() != DiskStatus.In_use && d.status() != DiskStatus.Available) {
      throw DiskError.incorrectStatus(diskId, d.status().name());
    }
    if (retentionDays != null && retentionDays != -1 && (retentionDays < 1 || retentionDays > 65536)) {
      throw ServiceException.invalid("RetentionDays", "must be 1-65536, got " + retentionDays);
    }
    String id = Ids.next("s");
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    db.tx(c -> {
      List<Snapshot> existing = SnapshotStore.ofDisk(c, diskId);
      if (existing.stream().anyMatch(s -> "progressing".equals(s.status()))) {
        throw new ServiceException(DiskError.CREATING_SNAPSHOT,
            "A snapshot of disk " + diskId + " is in progress; wait until it is accomplished.");
      }
      long manual = existing.stream().filter(s -> "user".equals(s.type()) && !"failed".equals(s.status())).count();
      if ("user".equals(type) && manual >= maxManualPerDisk) {
        throw new ServiceException(SnapshotError.QUOTA_EXCEEDED, "The disk " + diskId + " has " + manual
            + " manual snapshots, the most a disk may have (ECSBOX_SNAPSHOTS_PER_DISK). Delete one first.");
      }
      SnapshotStore.insert(c, new Snapshot(id, accountId, name == null ? "" : name,
          description == null ? "" : description, "progressing", diskId, d.type(), d.sizeGiB(), d.category(),
          d.instanceId(), type, policyId, retentionDays, d.file(), null, now, false));
      return null;
    });
    workers.execute(() -> take(id));
    return id;
  }

  private void take(String snapshotId) {
    Snapshot s0 = store.find(snapshotId).orElse(null);
    if (s0 == null) {
      return;
    }
    String inst = disks.find(s0.diskId()).map(Disk::instanceId).orElse(null);
    locks.with(() -> {
      try {
        takeLocked(snapshotId, inst);
      } catch (RuntimeException e) {
        log.error("snapshot {} failed: {}", snapshotId, e.getMessage(), e);
        fail(snapshotId);
      }
      return null;
    }, inst, s0.diskId());
  }

  private void takeLocked(String snapshotId, String lockedInstance) {
    Snapshot s = store.find(snapshotId).orElse(null);
    Disk d = s == null ? null : disks.find(s.diskId()).orElse(null);
    if (s == null || d == null || d.deleting() || !"progressing".equals(s.status())) {
      return;
    }
    if (d.instanceId() != null && !d.instanceId().equals(lockedInstance)) {
      workers.execute(() -> take(snapshotId)); // attached meanwhile: retake with that instance's lock
      return;
    }
    long t0 = System.nanoTime();
    String top = d.file();
    String next = Volumes.newLayer(d.id());
    if (!agent.volumeExists(Volumes.path(top))) {
      // a never started instance's disks have rows, not files: the new layer must not rest on nothing
      agent.ensureVolume(db.tx(c -> DiskService.volume(c, d)));
    }
    db.tx(c -> {
      Database.update(c, "UPDATE snapshots SET file = ?, next_file = ?, instance_id = ? WHERE snapshot_id = ?",
          top, next, d.instanceId(), snapshotId);
      DiskStore.insertLayer(c, new DiskStore.Layer(next, top, d.id()), clock.instant());
      return null;
    });
    // Live whenever a guest holds the disk, whatever its status says (a detach may be pending).
    String running = d.instanceId() != null && guests.state(d.instanceId()).live()
        && agent.diskFiles(d.instanceId()).containsKey(d.id()) ? d.instanceId() : null;
    agent.snapshotDisk(running, d.id(), Volumes.path(top), Volumes.path(next), d.sizeGiB() * GIB);
    finish(snapshotId, d.id(), next);
    log.info("snapshot {} of {} taken in {} ms ({})", snapshotId, d.id(), (System.nanoTime() - t0) / 1_000_000,
        running != null ? "live" : "offline");
  }

  private void finish(String snapshotId, String diskId, String next) {
    db.tx(c -> {
      DiskStore.setFile(c, diskId, next);
      SnapshotStore.accomplished(c, snapshotId);
      return null;
    });
  }

  // Nothing of a failed snapshot stays: its new layer (if any) goes, the disk keeps its top.
  private void fail(String snapshotId) {
    Snapshot s = store.find(snapshotId).orElse(null);
    if (s == null) {
      return;
    }
    if (s.nextFile() != null) {
      Disk d = disks.find(s.diskId()).orElse(null);
      boolean inUse = d != null && d.instanceId() != null
          && Volumes.path(s.nextFile()).equals(agent.diskFiles(d.instanceId()).get(d.id()));
      if (inUse) { // the hypervisor switched after all: the snapshot is good
        finish(snapshotId, s.diskId(), s.nextFile());
        return;
      }
      agent.deleteVolume(Volumes.path(s.nextFile()));
    }
    db.tx(c -> {
      if (s.nextFile() != null) {
        DiskStore.deleteLayer(c, s.nextFile());
      }
      // a failed snapshot owns no layer: it must not pin the disk's
      Database.update(c, "UPDATE snapshots SET status = 'failed', next_file = NULL, file = '' WHERE snapshot_id = ?",
          snapshotId);
      return null;
    });
  }

  // ---- DeleteSnapshot

  /**
   * Deletes a snapshot: hidden from the API at once, its layer merged into its children in
   * the background.
   *
   * @param force also when disks or images were made from it
   */
  public void delete(String accountId, String snapshotId, boolean force) {
    Snapshot s = get(accountId, snapshotId);
    if ("progressing".equals(s.status())) {
      throw new ServiceException(SnapshotError.INCORRECT_STATUS,
          "The snapshot " + snapshotId + " is still being taken.");
    }
    db.tx(c -> {
      List<String> images = SnapshotStore.imagesOf(c, snapshotId);
      if (!images.isEmpty() && !force) {
        throw new ServiceException(SnapshotError.USED_BY_IMAGE, "The snapshot " + snapshotId
            + " was used to create image(s) " + images + "; delete them first, or pass Force=true.");
      }
      List<String> fromIt = SnapshotStore.disksOf(c, snapshotId);
      if (!fromIt.isEmpty() && !force) {
        throw new ServiceException(SnapshotError.USED_BY_DISK, "Disk(s) " + fromIt + " were created from snapshot "
            + snapshotId + "; pass Force=true to delete it anyway (their data stays).");
      }
      SnapshotStore.markDeleting(c, snapshotId);
      return null;
    });
    workers.execute(() -> merge(snapshotId));
  }

  /** Deletes the disk's automatic snapshots (the disk is being deleted with DeleteAutoSnapshot). */
  public void deleteAutoSnapshotsOf(String diskId) {
    for (Snapshot s : db.tx(c -> SnapshotStore.ofDisk(c, diskId))) {
      if ("auto".equals(s.type())) {
        db.tx(c -> {
          SnapshotStore.markDeleting(c, s.id());
          return null;
        });
        workers.execute(() -> merge(s.id()));
      }
    }
  }

  @Override
  public List<String> expireSnapshots(Instant now) {
    List<String> out = new ArrayList<>();
    for (Snapshot s : store.all()) {
      Instant exp = s.expires();
      if (!s.deleting() && s.accomplished() && exp != null && !exp.isAfter(now)) {
        try {
          delete(s.accountId(), s.id(), true);
          out.add(s.id());
        } catch (ServiceException e) {
          log.warn("expiring {}: {}", s.id(), e.getMessage());
        }
      }
    }
    return out;
  }

  /**
   * Merges a deleted snapshot's layer L into each child layer C, then removes L. For each C:
   * a running disk's active layer pulls L's data (live); an inactive layer of a running
   * chain takes the live commit of C into L when C is L's only child and only that chain rests
   * on C (L's file then carries C's content); any other layer is rebased offline onto L's parent
   * (qemu-img rebase copies what differs). Each step is recorded, so a crash resumes it.
   */
  void merge(String snapshotId) {
    try {
      mergeOnce(snapshotId);
    } catch (DeferredMerge e) {
      log.info("deleting snapshot {}: {}", snapshotId, e.getMessage());
    } catch (RuntimeException e) {
      log.error("deleting snapshot {}: {} (retried within 20 s)", snapshotId, e.getMessage(), e);
    }
  }

  private synchronized void mergeOnce(String snapshotId) {
    Snapshot s = store.find(snapshotId).orElse(null);
    if (s == null) {
      return;
    }
    if (!s.accomplished()) { // failed: it never owned a layer
      db.tx(c -> {
        SnapshotStore.delete(c, snapshotId);
        return null;
      });
      return;
    }
    String layer = s.file();
    boolean shared = db.tx(c -> SnapshotStore.ofFile(c, layer).size() > 1
        || Database.query(c, "SELECT 1 FROM disks WHERE file = ?", rs -> 1, layer).size() > 0);
    if (!shared) {
      for (DiskStore.Layer child : db.tx(c -> DiskStore.children(c, layer))) {
        if (mergeInto(snapshotId, layer, child)) {
          return; // a commit moved the snapshot's layer to its child; nothing left to do
        }
      }
    }
    List<String> free = db.tx(c -> {
      SnapshotStore.delete(c, snapshotId);
      return shared ? List.<String>of() : DiskStore.releaseUnused(c, layer);
    });
    for (String f : free) {
      agent.deleteVolume(Volumes.path(f));
    }
    log.info("snapshot {} deleted", snapshotId);
  }

  // Returns true when it committed child into layer (which then replaces the child).
  private boolean mergeInto(String snapshotId, String layer, DiskStore.Layer child) {
    String parent = db.tx(c -> DiskStore.layer(c, layer)).map(DiskStore.Layer::parent).orElse(null);
    Disk owner = disks.find(child.diskId()).orElse(null);
    String inst = owner == null ? null : owner.instanceId();
    return locks.with(() -> {
      Map<String, RunningDisk> running = runningChains();
      RunningDisk top = running.get(child.file());
      if (top != null && top.top()) {
        agent.pullDisk(top.instanceId(), top.diskId(), Volumes.path(parent));
      } else if (top != null) {
        int siblings = db.tx(c -> DiskStore.children(c, layer)).size();
        // the commit rewrites the header of the chain's own layer above child, no other's
        int above = db.tx(c -> DiskStore.children(c, child.file())).size();
        if (siblings != 1 || above != 1) {
          throw new DeferredMerge("layer " + child.file() + " is inside the running chain of " + top.diskId()
              + (siblings != 1 ? " and has siblings" : " and other layers (disks made from its snapshot) rest on it")
              + ": its merge waits until that instance stops");
        }
        agent.commitDisk(top.instanceId(), top.diskId(), Volumes.path(child.file()), Volumes.path(layer));
        swapAfterCommit(snapshotId, layer, child);
        return true;
      } else if (committedBefore(layer, child)) {
        // A live commit of child into layer finished before a crash could record it: the
        // child's data is in layer already and its children back onto layer. Record it now.
        swapAfterCommit(snapshotId, layer, child);
        return true;
      } else {
        agent.rebaseVolume(Volumes.path(child.file()), Volumes.path(parent));
      }
      db.tx(c -> {
        DiskStore.setParent(c, child.file(), parent);
        return null;
      });
      return false;
    }, inst, child.diskId());
  }

  // layer's file now holds child's content: it takes the child's place in the tree.
  private void swapAfterCommit(String snapshotId, String layer, DiskStore.Layer child) {
    db.tx(c -> {
      for (Snapshot x : SnapshotStore.ofFile(c, child.file())) {
        SnapshotStore.setFile(c, x.id(), layer);
      }
      for (DiskStore.Layer g : DiskStore.children(c, child.file())) {
        DiskStore.setParent(c, g.file(), layer);
      }
      Database.update(c, "UPDATE disks SET file = ? WHERE file = ?", layer, child.file());
      DiskStore.deleteLayer(c, child.file());
      Database.update(c, "UPDATE layers SET disk_id = ? WHERE file = ?", child.diskId(), layer);
      SnapshotStore.delete(c, snapshotId);
      return null;
    });
    agent.deleteVolume(Volumes.path(child.file()));
  }

  // True when a child of child already names layer as its backing file (what a finished commit
  // of child into layer leaves), though the store still says child.
  private boolean committedBefore(String layer, DiskStore.Layer child) {
    Path target = Volumes.path(layer);
    for (DiskStore.Layer g : db.tx(c -> DiskStore.children(c, child.file()))) {
      if (agent.backingOf(Volumes.path(g.file())).map(target::equals).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** Resumes deletions that failed (e.g. a file still locked by a killed daemon's qemu-img). */
  public void retryDeletions() {
    for (Snapshot s : store.all()) {
      if (s.deleting()) {
        workers.execute(() -> merge(s.id()));
      }
    }
  }

  /** A merge that cannot be done while a guest holds the chain; retried later. */
  private static final class DeferredMerge extends RuntimeException {
    DeferredMerge(String message) {
      super(message);
    }
  }

  /** A layer in the backing chain of a disk of a running guest. */
  private record RunningDisk(String instanceId, String diskId, boolean top) {}

  private Map<String, RunningDisk> runningChains() {
    Map<String, RunningDisk> out = new HashMap<>();
    Map<String, Boolean> runningInstances = new HashMap<>();
    for (Disk d : disks.all()) {
      if (d.instanceId() == null || d.deleting()) {
        continue;
      }
      boolean running = runningInstances.computeIfAbsent(d.instanceId(),
          i -> guests.state(i).live());
      if (!running) {
        continue;
      }
      String f = d.file();
      boolean top = true;
      Set<String> seen = new HashSet<>();
      while (f != null && seen.add(f)) {
        out.put(f, new RunningDisk(d.instanceId(), d.id(), top));
        top = false;
        String cur = f;
        f = db.tx(c -> DiskStore.layer(c, cur)).map(DiskStore.Layer::parent).orElse(null);
      }
    }
    return out;
  }

  // ---- crash repair

  /**
   * Progressing snapshots are finished when the disk already uses the new layer, else failed
   * (their new layer removed); deletions are resumed.
   */
  public void reconcile() {
    for (Snapshot s : store.all()) {
      try {
        if (s.deleting()) {
          workers.execute(() -> merge(s.id()));
        } else if ("progressing".equals(s.status())) {
          reconcileProgressing(s);
        }
      } catch (RuntimeException e) {
        log.error("reconciling snapshot {}: {}", s.id(), e.getMessage(), e);
      }
    }
  }

  private void reconcileProgressing(Snapshot s) {
    Disk d = disks.find(s.diskId()).orElse(null);
    if (d == null || s.nextFile() == null) {
      fail(s.id());
      return;
    }
    Path next = Volumes.path(s.nextFile());
    boolean running = d.instanceId() != null && guests.state(d.instanceId()).live();
    boolean switched = running ? next.equals(agent.diskFiles(d.instanceId()).get(d.id()))
        : agent.volumeExists(next) && d.file().equals(s.file());
    if (switched) {
      finish(s.id(), d.id(), s.nextFile());
      log.info("snapshot {} finished after a restart", s.id());
    } else {
      fail(s.id());
      log.info("snapshot {} failed: interrupted before the disk switched layers", s.id());
    }
  }

  /** Layer files the store will need that have no layer row yet. */
  public Set<String> pendingFiles() {
    Set<String> out = new HashSet<>();
    store.all().stream().map(Snapshot::nextFile).filter(f -> f != null).forEach(out::add);
    return out;
  }

  /**
   * The top file of the snapshot's chain once it is accomplished (empty while it is being
   * taken), for CreateImage; throws when it failed or is gone.
   */
  @Override
  public Optional<Path> contentOf(String snapshotId) {
    Snapshot s = store.find(snapshotId).filter(x -> !x.deleting())
        .orElseThrow(() -> new IllegalStateException("snapshot " + snapshotId + " is gone"));
    if ("failed".equals(s.status())) {
      throw new IllegalStateException("snapshot " + snapshotId + " failed");
    }
    return s.accomplished() ? Optional.of(Volumes.path(s.file())) : Optional.empty();
  }

  public Optional<Snapshot> find(String id) {
    return store.find(id);
  }
}
