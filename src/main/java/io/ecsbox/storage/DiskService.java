package io.ecsbox.storage;

import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.agent.Volume;
import io.ecsbox.agent.VolumeAgent;
import io.ecsbox.common.Generic;
import io.ecsbox.common.Ids;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.common.ServiceException;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceError;
import io.ecsbox.compute.InstanceStatus;
import io.ecsbox.store.Database;
import io.ecsbox.compute.InstanceStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud disks as the API sees them: validates, records the decision in the store first, then
 * changes the host through the {@link Agent} holding the locks of the instance (first) and
 * the disk, so no two host operations on one disk or instance overlap. After a crash
 * {@link #reconcile} finishes what was recorded.
 */
public final class DiskService {
  private static final Logger log = LoggerFactory.getLogger(DiskService.class);
  public static final int MAX_DATA_DISKS = 16;
  /** Thin provisioning: what the pool promises at most unless ECSBOX_POOL_CAPACITY_GIB says otherwise. */
  public static final long DEFAULT_POOL_CAPACITY_GIB = 128L * 1024;
  private static final long GIB = 1L << 30;

  private final DiskStore store;
  private final Database db;
  private final InstanceStore instances;
  private final ImageService images;
  private final ComputeAgent guests;
  private final VolumeAgent agent;
  private final KeyedLocks locks;
  private final Executor workers;
  private final Set<String> zones;
  private final long poolCapacityGiB;
  private final SnapshotService snapshots;
  private final int maxChainDepth;
  private final Clock clock;
  /** A disk whose chain grows past this many layers is flattened before its guest next opens it. */
  public static final int DEFAULT_MAX_CHAIN_DEPTH = 16;

  /**
   * @param maxChainDepth the longest backing chain a guest opens (ECSBOX_MAX_CHAIN_DEPTH, at least 2)
   */
  public DiskService(DiskStore store, InstanceStore instances, ImageService images, SnapshotService snapshots,
      ComputeAgent guests, VolumeAgent agent, KeyedLocks locks, Executor workers, Set<String> zones,
      long poolCapacityGiB, int maxChainDepth, Clock clock) {
    this.clock = clock;
    if (maxChainDepth < 2) {
      throw new IllegalArgumentException("the longest chain must be at least 2 layers, got " + maxChainDepth);
    }
    this.store = store;
    this.snapshots = snapshots;
    this.maxChainDepth = maxChainDepth;
    this.db = store.db();
    this.instances = instances;
    this.images = images;
    this.guests = guests;
    this.agent = agent;
    this.locks = locks;
    this.workers = workers;
    this.zones = Set.copyOf(zones);
    this.poolCapacityGiB = poolCapacityGiB;
  }

  /** What CreateDisk and RunInstances' DataDisk.N ask for. */
  public record DiskRequest(String zoneId, Integer sizeGiB, String category, String performanceLevel,
      String snapshotId, String name, String description, boolean deleteWithInstance) {}

  // ---- queries

  public List<Disk> list(String accountId) {
    return store.all().stream().filter(d -> d.accountId().equals(accountId) && !d.deleting()).toList();
  }

  public Disk get(String accountId, String id) {
    return store.find(id).filter(d -> d.accountId().equals(accountId) && !d.deleting())
        .orElseThrow(DiskError::notFound);
  }

  /** The host view of an instance's disks for a start: system disk first, then data disks by device. */
  public List<Volume> volumesOf(String instanceId) {
    return db.tx(c -> {
      List<Volume> out = new ArrayList<>();
      for (Disk d : DiskStore.ofInstance(c, instanceId)) {
        if (d.status() != DiskStatus.Detaching) {
          out.add(volume(c, d));
        }
      }
      return out;
    });
  }

  // ---- launch

  /**
   * Checks the data disks of a launch before anything is written; returns their sizes (a
   * disk from a snapshot is at least the snapshot's disk size).
   */
  public List<DiskRequest> checkDataDisks(String accountId, String zoneId, List<DiskRequest> data) {
    if (data.size() > MAX_DATA_DISKS) {
      throw new ServiceException(DiskError.TOO_MANY_DISKS,
          "An instance can have at most " + MAX_DATA_DISKS + " data disks.");
    }
    List<DiskRequest> out = new ArrayList<>();
    for (DiskRequest r : data) {
      out.add(checkRequest(accountId, new DiskRequest(zoneId, r.sizeGiB(), r.category(), r.performanceLevel(),
          r.snapshotId(), r.name(), r.description(), r.deleteWithInstance())));
    }
    return out;
  }

  /**
   * Inserts, in the caller's launch transaction, the rows of a new instance's system disk (an
   * overlay on the image) and data disks; the files are made at the instance's first start.
   */
  public void insertForLaunch(Connection c, String accountId, String instanceId, String zoneId, Image image,
      int systemGiB, String systemCategory, String systemPl, List<DiskRequest> data, Instant now)
      throws SQLException {
    checkCapacity(c, systemGiB + data.stream().mapToLong(DiskRequest::sizeGiB).sum());
    String sysId = Ids.next("d");
    String sysFile = Volumes.newLayer(sysId);
    DiskStore.insert(c, new Disk(sysId, accountId, zoneId, "", "", "system", systemCategory,
        pl(systemCategory, systemPl), systemGiB, DiskStatus.In_use, instanceId, "/dev/xvda", image.id(), null, true,
        true, false, null, false, sysFile, now, now, null, false));
    DiskStore.insertLayer(c, new DiskStore.Layer(sysFile, image.file(), sysId), clock.instant());
    char letter = 'b';
    for (DiskRequest r : data) {
      insertData(c, accountId, r, DiskStatus.In_use, instanceId, "/dev/xvd" + letter++, now);
    }
  }

  // ---- CreateDisk

  public String create(String accountId, DiskRequest request) {
    DiskRequest r = checkRequest(accountId, request);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Disk d = db.tx(c -> {
      checkCapacity(c, r.sizeGiB());
      return insertData(c, accountId, r, DiskStatus.Creating, null, null, now);
    });
    try {
      locks.with(() -> {
        agent.ensureVolume(db.tx(c -> volume(c, d)));
        return null;
      }, d.id());
    } catch (RuntimeException e) {
      log.error("creating {} failed: {}", d.id(), e.getMessage(), e);
      forgetDisk(d.id());
      throw ServiceException.internal("The disk could not be created: " + e.getMessage(), e);
    }
    db.tx(c -> DiskStore.transition(c, d.id(), EnumSet.of(DiskStatus.Creating), DiskStatus.Available));
    return d.id();
  }

  // ---- AttachDisk / DetachDisk

  public void attach(String accountId, String diskId, String instanceId, Boolean deleteWithInstance) {
    Disk d = get(accountId, diskId);
    Instance i = instance(accountId, instanceId);
    if (!d.zoneId().equals(i.zoneId())) {
      throw new ServiceException(DiskError.ZONE_MISMATCH, "The disk " + diskId + " is in zone "
          + d.zoneId() + " and the instance " + instanceId + " in zone " + i.zoneId() + ": a disk attaches only"
          + " to an instance of its own zone.");
    }
    if (i.status() != InstanceStatus.Running && i.status() != InstanceStatus.Stopped) {
      throw InstanceError.incorrectStatus(instanceId, i.status().name());
    }
    db.tx(c -> {
      if (!DiskStore.transition(c, diskId, EnumSet.of(DiskStatus.Available), DiskStatus.Attaching)) {
        throw DiskError.incorrectStatus(diskId,
            DiskStore.find(c, diskId).map(x -> x.status().name()).orElse("gone"));
      }
      Set<String> used = new HashSet<>();
      for (Disk x : DiskStore.ofInstance(c, instanceId)) {
        used.add(x.device());
      }
      if (used.size() - 1 >= MAX_DATA_DISKS) {
        throw new ServiceException(DiskError.TOO_MANY_DISKS,
            "The instance " + instanceId + " has " + MAX_DATA_DISKS + " data disks already.");
      }
      String device = null;
      for (char l = 'b'; l < 'b' + MAX_DATA_DISKS && device == null; l++) {
        if (!used.contains("/dev/xvd" + l)) {
          device = "/dev/xvd" + l;
        }
      }
      DiskStore.attach(c, diskId, instanceId, device, deleteWithInstance != null && deleteWithInstance, clock.instant());
      return null;
    });
    workers.execute(() -> finishAttach(instanceId, diskId));
  }

  private void finishAttach(String instanceId, String diskId) {
    locks.with(() -> {
      try {
        Optional<Disk> d = store.find(diskId);
        if (d.isEmpty() || d.get().status() != DiskStatus.Attaching || !instanceId.equals(d.get().instanceId())) {
          return null;
        }
        if (guests.state(instanceId).live()) {
          try {
            compactIfDeep(d.get()); // not open by any guest yet
          } catch (RuntimeException e) {
            log.warn("could not shorten the chain of {}: {}", diskId, e.getMessage());
          }
          agent.attachDisk(instanceId, db.tx(c -> volume(c, d.get())));
        }
        db.tx(c -> DiskStore.transition(c, diskId, EnumSet.of(DiskStatus.Attaching), DiskStatus.In_use));
        log.info("attached {} to {}", diskId, instanceId);
      } catch (RuntimeException e) {
        log.error("attaching {} to {} failed: {}", diskId, instanceId, e.getMessage(), e);
        store.detached(diskId);
      }
      return null;
    }, instanceId, diskId);
  }

  public void detach(String accountId, String diskId, String instanceId) {
    Disk d = get(accountId, diskId);
    if (instanceId != null && !instanceId.equals(d.instanceId())) {
      instance(accountId, instanceId);
      throw DiskError.incorrectStatus("The disk " + diskId + " is not attached to "
          + instanceId + ".");
    }
    if (d.system()) {
      throw DiskError.incorrectStatus("The system disk " + diskId + " cannot be detached.");
    }
    String inst = d.instanceId();
    if (!db.tx(c -> DiskStore.transition(c, diskId, EnumSet.of(DiskStatus.In_use), DiskStatus.Detaching))) {
      throw DiskError.incorrectStatus(diskId, d.status().name());
    }
    workers.execute(() -> finishDetach(inst, diskId));
  }

  private void finishDetach(String instanceId, String diskId) {
    locks.with(() -> {
      try {
        if (guests.state(instanceId) != io.ecsbox.agent.PowerState.ABSENT) {
          agent.detachDisk(instanceId, diskId);
        }
        store.detached(diskId);
        log.info("detached {} from {}", diskId, instanceId);
      } catch (RuntimeException e) {
        log.error("detaching {} from {} failed: {}", diskId, instanceId, e.getMessage(), e);
        store.setStatus(diskId, DiskStatus.In_use);
      }
      return null;
    }, instanceId, diskId);
  }

  // ---- DeleteDisk

  public void delete(String accountId, String diskId) {
    Disk d = get(accountId, diskId);
    if (!db.tx(c -> {
      Optional<Disk> cur = DiskStore.find(c, diskId);
      if (cur.isEmpty() || cur.get().status() != DiskStatus.Available || cur.get().deleting()) {
        return false;
      }
      DiskStore.markDeleting(c, diskId);
      return true;
    })) {
      throw DiskError.incorrectStatus(diskId, d.status().name());
    }
    locks.with(() -> {
      release(diskId);
      return null;
    }, diskId);
  }

  /**
   * Deletes a disk for good: its active layer, its automatic snapshots when DeleteAutoSnapshot
   * (manual ones stay), and its row. Idempotent: a crash half-way is finished by reconcile.
   */
  private void release(String diskId) {
    Optional<Disk> found = store.find(diskId);
    if (found.isEmpty()) {
      return;
    }
    Disk d = found.get();
    if (d.deleteAutoSnapshot()) {
      snapshots.deleteAutoSnapshotsOf(diskId);
    }
    // The top layer goes, and the layers under it that only it needed (e.g. a flattened one).
    List<String> free = db.tx(c -> {
      DiskStore.delete(c, diskId);
      return DiskStore.releaseUnused(c, d.file());
    });
    free.forEach(f -> agent.deleteVolume(Volumes.path(f)));
    locks.forget(diskId);
    log.info("deleted disk {}", diskId);
  }

  /**
   * After the instance's domain is gone: deletes its disks that go with it and detaches the
   * others (they stay Available). Idempotent.
   */
  public void releaseWith(String instanceId) {
    for (Disk d : store.ofInstance(instanceId)) {
      if (d.deleteWithInstance()) {
        db.tx(c -> {
          DiskStore.markDeleting(c, d.id());
          return null;
        });
        locks.with(() -> {
          release(d.id());
          return null;
        }, d.id());
      } else {
        store.detached(d.id());
      }
    }
  }

  /**
   * Deletes the system disk file that an instance of the old layout
   * ({@code instances/<id>/system.qcow2}) left behind when no instance row owns it any more,
   * unless a disk still uses it.
   */
  public void releaseOrphanFiles(String instanceId) {
    if (!Ids.valid("i", instanceId)) {
      throw new IllegalArgumentException("not an instance id: " + instanceId);
    }
    String legacy = "instances/" + instanceId + "/system.qcow2";
    boolean used = db.tx(c -> DiskStore.layer(c, legacy).isPresent());
    if (!used) {
      agent.deleteVolume(Volumes.path(legacy));
    }
  }

  // ---- ResizeDisk

  public void resize(String accountId, String diskId, int newSizeGiB) {
    Disk d = get(accountId, diskId);
    int max = d.system() ? 500 : 32768;
    if (newSizeGiB <= d.sizeGiB() || newSizeGiB > max) {
      throw new ServiceException(DiskError.SIZE_UNSUPPORTED, "NewSize must be larger than the"
          + " current size " + d.sizeGiB() + " GiB and at most " + max + " GiB, got " + newSizeGiB
          + " (disks only grow).");
    }
    if (d.status() != DiskStatus.Available && d.status() != DiskStatus.In_use) {
      throw DiskError.incorrectStatus(diskId, d.status().name());
    }
    db.tx(c -> {
      checkCapacity(c, newSizeGiB - d.sizeGiB());
      return null;
    });
    String inst = d.instanceId();
    locks.with(() -> {
      Disk cur = get(accountId, diskId);
      String running = inst != null && guests.state(inst).live() && agent.diskFiles(inst).containsKey(diskId)
          ? inst : null;
      agent.resizeDisk(running, diskId, Volumes.path(cur.file()), newSizeGiB * GIB);
      db.tx(c -> {
        DiskStore.setSize(c, diskId, newSizeGiB);
        if (cur.system() && inst != null) {
          Database.update(c, "UPDATE instances SET system_disk_gib = ? WHERE instance_id = ?", newSizeGiB, inst);
        }
        return null;
      });
      return null;
    }, inst, diskId);
  }

  // ---- ResetDisk / ReInitDisk

  /** Rolls the disk back to one of its snapshots: a new empty layer on the snapshot's layer. */
  public void reset(String accountId, String diskId, Snapshot s) {
    Disk d = get(accountId, diskId);
    if (!s.diskId().equals(diskId) || !s.accomplished()) {
      throw new ServiceException(SnapshotError.NOT_OF_DISK, "The snapshot " + s.id()
          + " is not an accomplished snapshot of disk " + diskId + ".");
    }
    replaceTop(accountId, d, s.file(), "reset to " + s.id());
  }

  /** Puts the system disk back to its image: a new empty layer on the image file. */
  public void reinit(String accountId, String diskId) {
    Disk d = get(accountId, diskId);
    if (!d.system() || d.imageId() == null) {
      throw DiskError.incorrectStatus("Only a system disk can be re-initialized.");
    }
    Image image = images.requireAvailable(accountId, d.imageId());
    replaceTop(accountId, d, image.file(), "re-initialized from " + image.id());
  }

  private void replaceTop(String accountId, Disk d, String base, String what) {
    if (d.instanceId() != null) {
      Instance i = instance(accountId, d.instanceId());
      if (i.status() != InstanceStatus.Stopped) {
        throw InstanceError.incorrectStatus(i.id(), i.status().name());
      }
    }
    if (d.status() != DiskStatus.In_use && d.status() != DiskStatus.Available) {
      throw DiskError.incorrectStatus(d.id(), d.status().name());
    }
    locks.with(() -> {
      Disk cur = get(accountId, d.id());
      if (cur.instanceId() != null && guests.state(cur.instanceId()).live()) { // stopped in the store only
        throw InstanceError.incorrectStatus(cur.instanceId(), "Running");
      }
      if (snapshots.progressingOn(d.id())) {
        throw DiskError.incorrectStatus("A snapshot of " + d.id() + " is in progress.");
      }
      String newTop = Volumes.newLayer(d.id());
      db.tx(c -> {
        DiskStore.insertLayer(c, new DiskStore.Layer(newTop, base, d.id()), clock.instant());
        return null;
      });
      Volume v = new Volume(d.id(), "vda", Volumes.path(newTop), Volumes.path(base),
          cur.sizeGiB() * GIB, null);
      try {
        agent.ensureVolume(v);
      } catch (RuntimeException e) {
        db.tx(c -> {
          DiskStore.deleteLayer(c, newTop);
          return null;
        });
        agent.deleteVolume(v.file());
        throw ServiceException.internal("The disk could not be " + what + ": " + e.getMessage(), e);
      }
      List<String> free = db.tx(c -> {
        DiskStore.setFile(c, d.id(), newTop);
        return DiskStore.releaseUnused(c, cur.file());
      });
      free.forEach(f -> agent.deleteVolume(Volumes.path(f)));
      log.info("disk {} {}", d.id(), what);
      return null;
    }, d.instanceId(), d.id());
  }

  // ---- ModifyDiskAttribute

  public void modify(String accountId, String diskId, String name, String description, Boolean deleteWithInstance,
      Boolean deleteAutoSnapshot) {
    Disk d = get(accountId, diskId);
    if (deleteWithInstance != null && d.instanceId() == null && deleteWithInstance) {
      throw DiskError.incorrectStatus(
          "DeleteWithInstance applies to an attached disk; " + diskId + " is not attached.");
    }
    store.updateAttributes(diskId, name, description, deleteWithInstance, deleteAutoSnapshot);
  }

  // ---- short chains

  /**
   * Before an instance starts: flattens each of its disks whose backing chain is longer than
   * the maximum (see {@link #compactIfDeep}). A failure only costs speed, never the start.
   */
  public void compactForStart(String instanceId) {
    for (Disk d : store.ofInstance(instanceId)) {
      try {
        locks.with(() -> {
          store.find(d.id()).ifPresent(this::compactIfDeep);
          return null;
        }, d.id());
      } catch (RuntimeException e) {
        log.warn("could not shorten the chain of {}: {}", d.id(), e.getMessage());
      }
    }
  }

  /**
   * Keeps a disk's chain short without losing any snapshot: when the active layer sits on more
   * than {@code maxChainDepth} layers, a new layer is made that reads exactly as everything
   * under the active one (holding only what was written above the image), and the active layer
   * is pointed at it. The old layers stay for the snapshots that own them, and go as those are
   * deleted. Offline only: the caller holds the disk's lock and no guest has it open.
   */
  void compactIfDeep(Disk d) {
    List<String> chain = db.tx(c -> {
      List<String> out = new ArrayList<>();
      Optional<DiskStore.Layer> l = DiskStore.layer(c, d.file());
      while (l.isPresent() && out.size() <= 4096) {
        out.add(l.get().file());
        l = l.get().parent() == null ? Optional.empty() : DiskStore.layer(c, l.get().parent());
      }
      return out;
    });
    if (chain.size() <= maxChainDepth) {
      return;
    }
    String top = chain.get(0);
    String from = chain.get(1);
    String root = db.tx(c -> DiskStore.layer(c, chain.get(chain.size() - 1))).map(DiskStore.Layer::parent)
        .orElse(null);
    String flat = Volumes.newFlatLayer(d.id());
    long t0 = System.nanoTime();
    db.tx(c -> {
      DiskStore.insertLayer(c, new DiskStore.Layer(flat, root, d.id()), clock.instant());
      return null;
    });
    agent.flattenUnder(Volumes.path(top), Volumes.path(from), Volumes.path(root), Volumes.path(flat),
        d.sizeGiB() * GIB);
    db.tx(c -> {
      DiskStore.setParent(c, top, flat);
      return null;
    });
    log.info("disk {}: chain of {} layers shortened to 2 in {} ms", d.id(), chain.size(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  // ---- crash repair

  /**
   * Finishes what a crash interrupted: flattenings, disks half-created, attaching, detaching or
   * being deleted; then deletes layer files no disk or snapshot needs (made just before a crash).
   */
  public void reconcile() {
    for (DiskStore.Layer l : store.layers()) {
      if (Volumes.flat(l.file())) {
        try {
          finishFlattening(l);
        } catch (RuntimeException e) {
          log.error("reconciling layer {}: {}", l.file(), e.getMessage(), e);
        }
      }
    }
    for (Disk d : store.all()) {
      try {
        if (d.deleting()) {
          locks.with(() -> {
            release(d.id());
            return null;
          }, d.id());
          continue;
        }
        switch (d.status()) {
          case Creating -> {
            agent.ensureVolume(db.tx(c -> volume(c, d)));
            store.setStatus(d.id(), DiskStatus.Available);
          }
          case Attaching -> workers.execute(() -> finishAttach(d.instanceId(), d.id()));
          case Detaching -> workers.execute(() -> finishDetach(d.instanceId(), d.id()));
          default -> { }
        }
      } catch (RuntimeException e) {
        log.error("reconciling disk {}: {}", d.id(), e.getMessage(), e);
      }
    }
  }

  /**
   * A flattening cut by a crash after the active layer's header was pointed at the flat layer,
   * before the store was: the header is right (the flat file was whole before it changed), so the
   * store follows it; else the garbage collection would take the flat layer from under the disk.
   */
  private void finishFlattening(DiskStore.Layer flat) {
    Disk d = store.find(flat.diskId()).orElse(null);
    if (d == null || d.file().equals(flat.file()) || !db.tx(c -> DiskStore.children(c, flat.file())).isEmpty()) {
      return;
    }
    Path target = Volumes.path(flat.file());
    if (agent.backingOf(Volumes.path(d.file())).map(target::equals).orElse(false)) {
      db.tx(c -> {
        DiskStore.setParent(c, d.file(), flat.file());
        return null;
      });
      log.info("disk {}: its active layer rests on {} since a flattening a crash cut; recorded", d.id(), flat.file());
    }
  }

  /**
   * Deletes what a crash left between steps: layer rows that no disk, snapshot or other layer
   * needs (with their files), then files in the volume directory that the store does not know.
   * Only at start, before any operation runs.
   */
  public void collectGarbage(Set<String> keep) {
    for (DiskStore.Layer l : store.layers()) {
      if (keep.contains(l.file())) {
        continue;
      }
      // releaseUnused also walks up: a parent only the removed layer needed goes too
      for (String f : db.tx(c -> DiskStore.releaseUnused(c, l.file()))) {
        log.info("removing layer {}: nothing uses it (left by a crash)", f);
        agent.deleteVolume(Volumes.path(f));
      }
    }
    Set<String> known = new HashSet<>(keep);
    store.layers().forEach(l -> known.add(l.file()));
    for (Path f : agent.volumeFiles()) {
      if (!known.contains(Volumes.name(f))) {
        log.info("removing {}: no disk or snapshot uses it (left by a crash)", f);
        agent.deleteVolume(f);
      }
    }
  }

  // ---- helpers

  /** The volume of {@code d}'s current top layer, with its backing layer. */
  static Volume volume(Connection c, Disk d) throws SQLException {
    String parent = DiskStore.layer(c, d.file()).map(DiskStore.Layer::parent).orElse(null);
    String target = d.device() == null ? "vdb" : d.target();
    return new Volume(d.id(), target, Volumes.path(d.file()), Volumes.path(parent), d.sizeGiB() * GIB,
        d.performance().toIoTune());
  }

  private Disk insertData(Connection c, String accountId, DiskRequest r, DiskStatus status, String instanceId,
      String device, Instant now) throws SQLException {
    String id = Ids.next("d");
    String file = Volumes.newLayer(id);
    String parent = null;
    if (r.snapshotId() != null) {
      Snapshot s = SnapshotStore.find(c, r.snapshotId()).filter(x -> x.accomplished() && !x.deleting())
          .orElseThrow(() -> SnapshotError.notFound(r.snapshotId()));
      parent = s.file();
    }
    Disk d = new Disk(id, accountId, r.zoneId(), r.name() == null ? "" : r.name(),
        r.description() == null ? "" : r.description(), "data", r.category(), pl(r.category(), r.performanceLevel()),
        r.sizeGiB(), status, instanceId, device, null, r.snapshotId(), instanceId != null && r.deleteWithInstance(),
        true, false, null, true, file, now, instanceId == null ? null : now, null, false);
    DiskStore.insert(c, d);
    DiskStore.insertLayer(c, new DiskStore.Layer(file, parent, id), clock.instant());
    return d;
  }

  private DiskRequest checkRequest(String accountId, DiskRequest r) {
    String zone = r.zoneId();
    if (zone == null || !zones.contains(zone)) {
      throw new ServiceException(Generic.ZONE_NOT_FOUND, "The specified zone " + zone + " does not exist.");
    }
    String category = r.category() == null ? "cloud_efficiency" : r.category();
    Integer size = r.sizeGiB();
    if (r.snapshotId() != null) {
      Snapshot s = snapshots.get(accountId, r.snapshotId());
      if (!s.accomplished()) {
        throw new ServiceException(SnapshotError.INCORRECT_STATUS,
            "The snapshot " + s.id() + " is " + s.status() + ".");
      }
      size = size == null ? s.diskSizeGiB() : Math.max(size, s.diskSizeGiB());
    }
    if (size == null) {
      throw ServiceException.missing("Size");
    }
    DiskPerformance.validate(category, r.performanceLevel(), size, false);
    return new DiskRequest(zone, size, category, r.performanceLevel(), r.snapshotId(), r.name(), r.description(),
        r.deleteWithInstance());
  }

  private void checkCapacity(Connection c, long moreGiB) throws SQLException {
    long used = DiskStore.provisionedGiB(c);
    if (used + moreGiB > poolCapacityGiB) {
      throw new ServiceException(Generic.NO_STOCK, "The storage pool cannot hold " + moreGiB
          + " GiB more: " + used + " of " + poolCapacityGiB + " GiB are provisioned (ECSBOX_POOL_CAPACITY_GIB).");
    }
  }

  private static String pl(String category, String pl) {
    return "cloud_essd".equals(category) ? (pl == null ? "PL1" : pl) : "";
  }

  private void forgetDisk(String id) {
    try {
      Disk d = store.find(id).orElse(null);
      if (d != null) {
        agent.deleteVolume(Volumes.path(d.file()));
        db.tx(c -> {
          DiskStore.deleteLayer(c, d.file());
          DiskStore.delete(c, id);
          return null;
        });
      }
    } catch (RuntimeException e) {
      log.warn("cleaning up {}: {}", id, e.getMessage());
    }
  }

  private Instance instance(String accountId, String instanceId) {
    return instances.find(instanceId).filter(i -> i.accountId().equals(accountId) && !i.deleting())
        .orElseThrow(InstanceError::notFound);
  }
}
