package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deterministic reproductions of the four storage bugs StorageCrashIT found (all fixed): a
 * snapshot taken while a detach is pending, a failed snapshot pinning a layer, a deletion
 * stuck next to a killed daemon's qemu-img, and a live commit finished but not recorded when
 * the daemon died. Each drives the daemon (a separate process) into exactly that state.
 */
class StorageCrashReproIT {
  private static final String WRITER = "#!/bin/sh\n(n=0; while :; do for s in /sys/block/vd[b-z]; do"
      + " [ -b /dev/${s##*/} ] && echo \"repro $n\" | dd of=/dev/${s##*/} bs=512 seek=$((n % 2048))"
      + " conv=notrunc,fsync 2>/dev/null; done; n=$((n + 1)); sleep 0.2; done) </dev/null >/dev/null 2>&1 &\n";
  private DaemonProcess d;
  private Database db;
  private String instance;

  @AfterEach
  void cleanUp() {
    try {
      if (instance != null && d.alive()) {
        d.call("DeleteInstance", "InstanceId", instance, "Force", "true");
        await("the domain to go", Duration.ofSeconds(60), () -> EcsboxHarness.host().state(instance).isEmpty());
      }
    } catch (RuntimeException | AssertionError e) {
      System.out.println("StorageCrashReproIT cleanup: " + e.getMessage());
    }
    if (d != null) {
      d.stop();
      if (instance != null) {
        EcsboxHarness.host().remove(instance);
      }
      d.awaitOrphans(Duration.ofSeconds(60));
    }
    if (db != null) {
      db.close();
    }
    if (d != null) {
      d.close();
    }
  }

  /**
   * Bug 1: a snapshot taken while its disk is Detaching (still in the running domain) is taken
   * offline: the store moves the disk to a new layer, but the guest keeps writing the layer that
   * was just frozen as the snapshot, until the detach is done.
   */
  @Test
  void snapshotRightBeforeDetachIsFrozenForReal() throws Exception {
    // a big layer, so deleting its snapshot is a long live pull holding the instance's lock
    Written w = snapshotThenAttachToAWritingGuest("repro-frozen", "768M");
    String disk = w.disk();
    String big = w.snapshot();

    d.call("DeleteSnapshot", "SnapshotId", big);
    String s = d.call("CreateSnapshot", "DiskId", disk).path("SnapshotId").asText();
    d.call("DetachDisk", "DiskId", disk, "InstanceId", instance);
    await(s + " done", Duration.ofSeconds(120), () -> !"progressing".equals(d.snapshotStatus(s)));
    assertEquals("accomplished", d.snapshotStatus(s));
    // When s was taken before big's merge, that merge commits s's layer into big's: s moves to that file.
    HostStorageView view = new HostStorageView(d.dataDir(), db);
    HostStorageView.SnapshotRead first = view.readSnapshot(s, 4);
    HostStorageView.DomainDisk live = HostStorageView.domainDisks(EcsboxHarness.host().xml(instance)).get(disk);
    await(disk + " Available", Duration.ofSeconds(60), () -> "Available".equals(d.diskStatus(disk)));
    HostStorageView.SnapshotRead later = view.readSnapshot(s, 4);
    Path frozen = first.file();
    boolean stillActive = live != null && (live.file().equals(frozen) || live.file().equals(later.file()));
    boolean same = first.sha256().equals(later.sha256());
    assertTrue(!stillActive && same, "snapshot " + s + " is accomplished, but the running guest"
        + (stillActive ? " still writes" : " no longer writes") + " its frozen layer " + frozen + " (disk " + disk
        + " was Detaching); its content " + (same ? "stayed " + first.sha256() : "changed from " + first.sha256()
        + " to " + later.sha256() + " (" + later.file() + ") after it was accomplished") + "\n" + d.tail(3000));
  }

  /**
   * Why the test above reads a snapshot's layer from the store each time: when its CreateSnapshot
   * is taken before the merge of the DeleteSnapshot asked just before it (both wait for the disk's
   * lock; under load either may get it first), that merge finds the new snapshot's layer inside
   * the running chain and commits it live into big's layer, which becomes the snapshot's layer; the
   * file the snapshot named when it was accomplished is deleted. This is that order, made certain.
   */
  @Test
  void deletingTheSnapshotBelowMovesARunningDisksSnapshotToTheLowerFile() throws Exception {
    Written w = snapshotThenAttachToAWritingGuest("repro-moved", "64M");
    String disk = w.disk();
    String big = w.snapshot();
    Path bigFile = file("snapshots", "snapshot_id", big);
    String s = snapshot(disk); // live: freezes the layer the guest writes, above big's
    HostStorageView view = new HostStorageView(d.dataDir(), db);
    HostStorageView.SnapshotRead taken = view.readSnapshot(s, 4);

    d.call("DeleteSnapshot", "SnapshotId", big);
    await(big + " merged", Duration.ofSeconds(120), () -> rows("SELECT 1 FROM snapshots WHERE snapshot_id = ?", big)
        .isEmpty());
    HostStorageView.SnapshotRead now = view.readSnapshot(s, 4);
    assertEquals(bigFile, now.file(), "s's layer was committed into big's file, which is s's layer now\n"
        + view.dump());
    assertTrue(!Files.exists(taken.file()), "the file s named when it was accomplished is gone: "
        + taken.file());
    assertEquals(taken.sha256(), now.sha256(), "s reads as when it was taken");
    assertEquals("accomplished", d.snapshotStatus(s));
  }

  /**
   * Bug 2: a snapshot that failed (the daemon died while it waited) keeps the disk's layer in
   * its {@code file}; that pins the layer: DeleteDisk keeps it, and deleting the snapshot that
   * later froze the same layer skips the merge. Deleting everything leaves the file behind.
   */
  @Test
  void failedSnapshotPinsNoLayer() throws Exception {
    start("repro-pin");
    String disk = createDisk();
    String big = bigSnapshotBeingMerged(disk);
    awaitRebase();
    String failed = d.call("CreateSnapshot", "DiskId", disk).path("SnapshotId").asText(); // waits for the merge
    killDuringRebase();
    d.awaitOrphans(Duration.ofSeconds(120)); // keep bug 3 out of this one
    d.start();
    await(big + " merged", Duration.ofSeconds(120), () -> rows("SELECT 1 FROM snapshots WHERE snapshot_id = ?", big)
        .isEmpty());
    assertEquals("failed", d.snapshotStatus(failed), "the snapshot waiting at the kill failed");
    String good = snapshot(disk); // freezes the layer the failed one names
    d.call("DeleteSnapshot", "SnapshotId", good);
    d.call("DeleteDisk", "DiskId", disk);
    d.call("DeleteSnapshot", "SnapshotId", failed);
    await("every snapshot row to go", Duration.ofSeconds(60), () -> rows("SELECT 1 FROM snapshots").isEmpty());
    HostStorageView host = new HostStorageView(d.dataDir(), db);
    assertEquals(List.of(), List.copyOf(host.volumeFiles()), "no disk and no snapshot left, yet files stay:\n"
        + host.dump());
  }

  /**
   * Bug 3: systemd's KillMode=process leaves the killed daemon's qemu-img running; the restarted
   * daemon repeats the merge at once, qemu-img fails on the image lock, and the deletion is only
   * retried at the next daemon start: the snapshot stays half-deleted meanwhile.
   */
  @Test
  void deletionInterruptedByACrashFinishesAfterARestartAtOnce() throws Exception {
    start("repro-orphan");
    String disk = createDisk();
    String big = bigSnapshotBeingMerged(disk);
    List<String> orphans = killDuringRebase();
    d.start(); // at once, as Restart=on-failure would (RestartSec=2s)
    d.awaitOrphans(Duration.ofSeconds(120));
    try {
      await(big + " merged", Duration.ofSeconds(60), () -> rows("SELECT 1 FROM snapshots WHERE snapshot_id = ?",
          big).isEmpty());
    } catch (AssertionError e) {
      throw new AssertionError("the deletion of " + big + " is stuck after a restart next to " + orphans + "\n"
          + d.tail(3000), e);
    }
  }

  /**
   * Bug 4: a live commit (deleting a snapshot whose layer's only child is an inactive layer of
   * a running disk) that QEMU finished but the daemon had not recorded when it died, with a
   * DetachDisk pending: after the restart the detach runs first, the merge then takes the
   * offline path (rebase) and deletes the committed-into layer, which the disk's active layer
   * names as its backing file since the commit. SIGSTOP only holds the daemon in that window.
   */
  @Test
  void commitDoneButNotRecordedWhenKilledKeepsTheDiskReadable() throws Exception {
    start("repro-commit");
    String disk = createDisk();
    instance = runInstance();
    StorageKit.write(file("disks", "disk_id", disk), 0x11, "0", "1G");
    String s1 = snapshot(disk);
    StorageKit.write(file("disks", "disk_id", disk), 0x22, "0", "1G");
    String s2 = snapshot(disk);
    StorageKit.write(file("disks", "disk_id", disk), 0x33, "0", "64K");
    String s2Content = StorageKit.checksum(file("snapshots", "snapshot_id", s2), 4);
    String diskContent = StorageKit.checksum(file("disks", "disk_id", disk), 4);
    attachWhenReady(disk);
    String target = HostStorageView.domainDisks(EcsboxHarness.host().xml(instance)).get(disk).target();

    org.libvirt.Connect conn = new org.libvirt.Connect(EcsboxHarness.LIBVIRT_URI);
    try {
      org.libvirt.Domain dom = conn.domainLookupByName(instance);
      d.call("DeleteSnapshot", "SnapshotId", s1); // s1's only child is s2's layer: a live commit
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (dom.getBlockJobInfo(target, 0).type == 0) { // poll tightly: the job is short
        assertTrue(System.nanoTime() < deadline, "no commit job within 30 s");
      }
      // Only now: asked together, the detach could get the disk's locks before the merge.
      d.call("DetachDisk", "DiskId", disk, "InstanceId", instance); // recorded, waits for the commit's locks
      signal("-STOP");
      while (dom.getBlockJobInfo(target, 0).type != 0) {
        DaemonProcess.sleep(20);
      }
      dom.free();
    } finally {
      conn.close();
    }
    assertEquals(List.of("1"), rows("SELECT deleting FROM snapshots WHERE snapshot_id = ?", s1),
        "not reproduced this time: the daemon recorded the commit before it was stopped");
    d.kill();
    d.awaitOrphans(Duration.ofSeconds(60));
    d.start();
    await(s1 + " merged", Duration.ofSeconds(120), () -> rows("SELECT 1 FROM snapshots WHERE snapshot_id = ?", s1)
        .isEmpty());
    await(disk + " Available", Duration.ofSeconds(60), () -> "Available".equals(d.diskStatus(disk)));
    Path top = file("disks", "disk_id", disk);
    String check = HostStorageView.check(top);
    assertEquals(null, check, "the disk's active layer " + top + " must still open after the restart; chain in"
        + " its header: " + HostStorageView.headerBacking(top) + "\n" + new HostStorageView(d.dataDir(), db).dump()
        + "\n" + d.tail(3000));
    assertEquals(diskContent, StorageKit.checksum(top, 4), "the disk reads as before");
    assertEquals(s2Content, StorageKit.checksum(file("snapshots", "snapshot_id", s2), 4), "s2 reads as before");
  }

  // ---- helpers

  private String runInstance(String... more) {
    List<String> p = new java.util.ArrayList<>(List.of("ImageId", EcsboxHarness.IMAGE_ID, "InstanceType",
        EcsboxHarness.NANO));
    p.addAll(List.of(more));
    return d.call("RunInstances", p.toArray(String[]::new)).path("InstanceIdSets").path("InstanceIdSet").get(0)
        .asText();
  }

  private record Written(String disk, String snapshot) {}

  /**
   * A new disk with {@code size} of data written and snapshotted, then hot-plugged into a new
   * instance whose guest keeps writing it.
   */
  private Written snapshotThenAttachToAWritingGuest(String name, String size) throws Exception {
    start(name);
    String disk = createDisk();
    instance = runInstance("UserData", Base64.getEncoder().encodeToString(WRITER.getBytes(StandardCharsets.UTF_8)));
    StorageKit.write(file("disks", "disk_id", disk), 0x5a, "0", size);
    String big = snapshot(disk);
    attachWhenReady(disk);
    return new Written(disk, big);
  }

  /** Once the guest is up, hot-plugs the disk into it. */
  private void attachWhenReady(String disk) {
    await(instance + " READY", EcsboxHarness.BOOT, () -> new String(Base64.getDecoder().decode(d.call(
        "GetInstanceConsoleOutput", "InstanceId", instance).path("ConsoleOutput").asText("")),
        StandardCharsets.UTF_8).contains("ECSBOX-READY"));
    d.call("AttachDisk", "DiskId", disk, "InstanceId", instance);
    await(disk + " In_use", Duration.ofSeconds(60), () -> "In_use".equals(d.diskStatus(disk)));
  }

  private void signal(String sig) {
    StorageKit.RUN.run(List.of("kill", sig, Long.toString(d.pid())), Duration.ofSeconds(10));
  }

  private void start(String name) throws Exception {
    d = DaemonProcess.create(name, Path.of(System.getProperty("ecsbox.build.dir", "target")).toAbsolutePath()
        .resolve("storage-crash-it").resolve(name + "-" + EcsboxHarness.SESSION + ".log"));
    d.start();
    db = Database.open(d.dataDir().resolve("ecsbox.db"));
  }

  private String createDisk() {
    return d.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "20").path("DiskId").asText();
  }

  /** A 1 GiB snapshot of the detached disk, being deleted: a long offline rebase of the disk's layer. */
  private String bigSnapshotBeingMerged(String disk) {
    StorageKit.write(file("disks", "disk_id", disk), 0x5a, "0", "1G");
    String big = snapshot(disk);
    StorageKit.write(file("disks", "disk_id", disk), 0x6b, "0", "64K");
    d.call("DeleteSnapshot", "SnapshotId", big);
    return big;
  }

  private void awaitRebase() {
    long pid = d.pid();
    await("qemu-img rebase to run", Duration.ofSeconds(30), () -> ProcessHandle.of(pid).orElseThrow().descendants()
        .anyMatch(p -> p.info().commandLine().orElse("").contains("rebase")));
  }

  private List<String> killDuringRebase() {
    awaitRebase();
    List<String> orphans = d.kill();
    assertNotEquals(List.of(), orphans, "the kill hit the rebase");
    return orphans;
  }

  private String snapshot(String disk) {
    String id = d.call("CreateSnapshot", "DiskId", disk).path("SnapshotId").asText();
    await(id + " done", Duration.ofSeconds(120), () -> !"progressing".equals(d.snapshotStatus(id)));
    assertEquals("accomplished", d.snapshotStatus(id));
    return id;
  }

  private Path file(String table, String key, String id) {
    return d.dataDir().resolve(rows("SELECT file FROM " + table + " WHERE " + key + " = ?", id).get(0));
  }

  private List<String> rows(String sql, Object... args) {
    return db.query(sql, rs -> rs.getString(1), args);
  }

  private static void await(String what, Duration timeout, BooleanSupplier done) {
    DaemonProcess.await(what, timeout, done);
  }
}
