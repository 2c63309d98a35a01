package io.ecsbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.store.Database;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One background loop of storage calls on one data disk, run until the daemon is killed under
 * it. The cold disk is never attached: the loop writes it with qemu-io (tracking the expected
 * content in a model), snapshots it and deletes older snapshots. The hot disk moves between
 * attached (a guest writes it) and detached; the loop snapshots it (sometimes with the system
 * disk, and with raceDetach a DetachDisk right behind), attaches and detaches it, and deletes
 * snapshots of it and of the system disk. The host never touches an active layer of the running
 * guest: checksums are read from frozen layers only, and a frozen layer the guest still writes
 * is reported.
 */
final class CrashLoop implements Runnable {
  static final int MIB = 4;
  private static final long POLL_MS = 50;
  private static final long OP_TIMEOUT_MS = 60_000;

  /** Thrown inside the loop when the test stops it. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** The expected first {@link #MIB} MiB of the cold disk. */
  static final class Model {
    private final byte[] bytes = new byte[MIB << 20];

    synchronized void write(int pattern, int offset, int len) {
      java.util.Arrays.fill(bytes, offset, offset + len, (byte) pattern);
    }

    synchronized String sha256() {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final DaemonProcess daemon;
  private final Database db;
  private final SnapshotLedger ledger;
  private final String disk;
  private final Model model; // null: the hot disk
  private final String instance;
  private final String systemDisk;
  private final boolean raceDetach;
  private final boolean keepFailed;
  private final Random rnd;
  private final AtomicBoolean stop;

  private CrashLoop(DaemonProcess daemon, Database db, SnapshotLedger ledger, String disk, Model model,
      String instance, String systemDisk, boolean raceDetach, boolean keepFailed, Random rnd, AtomicBoolean stop) {
    this.daemon = daemon;
    this.db = db;
    this.ledger = ledger;
    this.disk = disk;
    this.model = model;
    this.instance = instance;
    this.systemDisk = systemDisk;
    this.raceDetach = raceDetach;
    this.keepFailed = keepFailed;
    this.rnd = rnd;
    this.stop = stop;
  }

  static CrashLoop cold(DaemonProcess d, Database db, SnapshotLedger l, String disk, Model model,
      boolean keepFailed, Random rnd, AtomicBoolean stop) {
    return new CrashLoop(d, db, l, disk, model, null, null, false, keepFailed, rnd, stop);
  }

  static CrashLoop hot(DaemonProcess d, Database db, SnapshotLedger l, String disk, String instance,
      String systemDisk, boolean raceDetach, boolean keepFailed, Random rnd, AtomicBoolean stop) {
    return new CrashLoop(d, db, l, disk, null, instance, systemDisk, raceDetach, keepFailed, rnd, stop);
  }

  @Override
  public void run() {
    try {
      while (!stop.get()) {
        step();
      }
    } catch (Stopped | UncheckedIOException e) {
      // killed under us: expected
    } catch (RuntimeException | AssertionError e) {
      if (!stop.get()) {
        ledger.problem("loop of " + disk + " failed: " + e);
        e.printStackTrace(System.out);
      }
    }
  }

  private void step() {
    int alive = ledger.alive(disk).size() + (systemDisk == null ? 0 : ledger.alive(systemDisk).size());
    int dice = rnd.nextInt(100);
    if (model != null) {
      if (dice < (alive >= 5 ? 30 : 70)) {
        writeAndSnapshot();
      } else {
        deleteOne(List.of(disk));
      }
    } else if (dice < 35) {
      snapshotHot(rnd.nextInt(3) == 0);
    } else if (dice < (alive >= 5 ? 55 : 70)) {
      toggle();
    } else {
      deleteOne(List.of(disk, systemDisk));
    }
  }

  private void writeAndSnapshot() {
    int len = (1 + rnd.nextInt(8)) << 16;
    int offset = rnd.nextInt(((MIB << 20) - len) >> 16) << 16;
    int pattern = 1 + rnd.nextInt(255);
    StorageKit.write(fileOf("disks", "disk_id", disk), pattern, Integer.toString(offset), Integer.toString(len));
    model.write(pattern, offset, len);
    String expected = model.sha256();
    String id = create(disk, expected);
    if (id != null) {
      settle(id, expected);
    }
  }

  private void snapshotHot(boolean withSystem) {
    String sys = withSystem ? create(systemDisk, "") : null;
    String id = create(disk, "");
    // with raceDetach, DetachDisk lands while the system disk's snapshot holds the instance lock
    boolean race = raceDetach && withSystem;
    if (race && id != null && "In_use".equals(diskStatus(disk))) {
      call("DetachDisk", "DiskId", disk, "InstanceId", instance);
      ledger.note("detach " + disk + " right behind " + (sys == null ? "" : sys + " and ") + id);
    }
    if (sys != null) {
      settle(sys, "");
    }
    if (id != null) {
      settle(id, "");
    }
    if (race) {
      awaitDisk(s -> s.equals("Available") || s.equals("In_use"));
    }
  }

  private void toggle() {
    String s = diskStatus(disk);
    if ("In_use".equals(s)) {
      ledger.note("detach " + disk);
      call("DetachDisk", "DiskId", disk, "InstanceId", instance);
    } else if ("Available".equals(s)) {
      ledger.note("attach " + disk);
      call("AttachDisk", "DiskId", disk, "InstanceId", instance);
    } else {
      return;
    }
    awaitDisk(x -> x.equals("Available") || x.equals("In_use"));
    ledger.note(disk + " " + diskStatus(disk));
  }

  private void deleteOne(List<String> disks) {
    List<String> candidates = disks.stream().flatMap(d -> ledger.alive(d).stream()).toList();
    if (candidates.isEmpty()) {
      return;
    }
    String id = candidates.get(rnd.nextInt(candidates.size()));
    try {
      call("DeleteSnapshot", "SnapshotId", id);
    } catch (UncheckedIOException e) {
      ledger.maybeDeleted(id);
      throw e;
    } catch (StorageKit.ApiError e) {
      ledger.problem("DeleteSnapshot " + id + " refused: " + e.getMessage());
      return;
    }
    ledger.deleted(id);
    // the merge runs in the background; the next write to this disk waits for it
    poll("merge of " + id, () -> db.query("SELECT 1 FROM snapshots WHERE snapshot_id = ?", rs -> 1, id).isEmpty());
  }

  // ---- helpers

  /** CreateSnapshot; null when refused (e.g. one is in progress). */
  private String create(String diskId, String expected) {
    try {
      String id = call("CreateSnapshot", "DiskId", diskId, "SnapshotName", "crash").path("SnapshotId").asText();
      ledger.requested(id, diskId, expected);
      return id;
    } catch (UncheckedIOException e) {
      ledger.lostCreate(diskId, expected);
      throw e;
    } catch (StorageKit.ApiError e) {
      return null;
    }
  }

  /** Waits until the snapshot is done; records the checksum of its frozen layer. */
  private void settle(String id, String expected) {
    String[] status = {""};
    poll("snapshot " + id, () -> {
      JsonNode s = call("DescribeSnapshots", "SnapshotIds", "[\"" + id + "\"]").path("Snapshots").path("Snapshot");
      status[0] = s.size() == 0 ? "gone" : s.get(0).path("Status").asText();
      return !status[0].equals("progressing");
    });
    if (status[0].equals("accomplished")) {
      Path frozen = fileOf("snapshots", "snapshot_id", id);
      if (instance != null) {
        String diskId = ledger.diskOf(id);
        HostStorageView.DomainDisk live = liveDisks().get(diskId);
        if (live != null && live.file().equals(frozen)) {
          ledger.problem("NOT FROZEN: snapshot " + id + " of " + diskId + " is accomplished, but the running guest"
              + " still writes its layer " + frozen + " (the store says the disk's layer is "
              + fileOf("disks", "disk_id", diskId) + ")");
        }
      }
      String sum = StorageKit.checksum(frozen, MIB);
      if (!expected.isEmpty() && !expected.equals(sum)) {
        ledger.problem("snapshot " + id + " of " + disk + " reads " + sum + " right after it was taken, but "
            + expected + " was written");
      }
      ledger.accomplished(id, sum);
    } else {
      ledger.failed(id);
      if (!keepFailed) { // a failed snapshot pins its disk's layer (bug 2): delete it at once
        try {
          call("DeleteSnapshot", "SnapshotId", id);
        } catch (UncheckedIOException e) {
          ledger.maybeDeleted(id);
          throw e;
        }
        ledger.deleted(id);
        poll("failed " + id + " to go",
            () -> db.query("SELECT 1 FROM snapshots WHERE snapshot_id = ?", rs -> 1, id).isEmpty());
      }
    }
  }

  private java.util.Map<String, HostStorageView.DomainDisk> liveDisks() {
    try {
      return HostStorageView.domainDisks(EcsboxHarness.host().xml(instance));
    } catch (org.libvirt.LibvirtException e) {
      return java.util.Map.of();
    }
  }

  private String diskStatus(String id) {
    JsonNode l = call("DescribeDisks", "DiskIds", "[\"" + id + "\"]").path("Disks").path("Disk");
    return l.size() == 0 ? "gone" : l.get(0).path("Status").asText();
  }

  private void awaitDisk(java.util.function.Predicate<String> done) {
    poll(disk + " to settle", () -> done.test(diskStatus(disk)));
  }

  private Path fileOf(String table, String key, String id) {
    String sql = "SELECT file FROM " + table + " WHERE " + key + " = ?";
    return daemon.dataDir().resolve(db.query(sql, rs -> rs.getString(1), id).get(0));
  }

  private JsonNode call(String action, String... kv) {
    if (stop.get()) {
      throw new Stopped();
    }
    return daemon.call(action, kv);
  }

  private void poll(String what, java.util.function.BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + OP_TIMEOUT_MS;
    while (!done.getAsBoolean()) {
      if (stop.get()) {
        throw new Stopped();
      }
      if (System.currentTimeMillis() > deadline) {
        ledger.problem("timed out after " + OP_TIMEOUT_MS / 1000 + " s waiting for " + what);
        throw new Stopped();
      }
      DaemonProcess.sleep(POLL_MS);
    }
  }
}
