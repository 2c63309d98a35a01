package io.ecsbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.storage.Volumes;
import io.ecsbox.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What must hold once a restarted daemon is quiet, for StorageCrashIT: (a) snapshots, (b)
 * files, (c) API = store = libvirt. Each check returns its findings as text (empty: all held),
 * prefixed LOST, CHANGED, UNREADABLE, LEAK, MISSING, CHECK or TREE where data is at stake.
 * Before checking it settles what calls without an answer turned into.
 */
final class CrashChecks {
  private final DaemonProcess d;
  private final Database db;
  private final HostStorageView host;
  private final SnapshotLedger ledger;
  private final String instance;
  private final List<String> disks; // system, cold, hot
  private final String cold;
  private final CrashLoop.Model coldModel;
  private final boolean keepFailed;

  CrashChecks(DaemonProcess d, Database db, SnapshotLedger ledger, String instance, String system, String cold,
      String hot, CrashLoop.Model coldModel, boolean keepFailed) {
    this.d = d;
    this.db = db;
    this.host = new HostStorageView(d.dataDir(), db);
    this.ledger = ledger;
    this.instance = instance;
    this.disks = List.of(system, cold, hot);
    this.cold = cold;
    this.coldModel = coldModel;
    this.keepFailed = keepFailed;
  }

  List<String> verify() {
    List<String> bad = new ArrayList<>();
    Map<String, JsonNode> api = d.snapshots();
    settleUncertain(api, bad);
    checkSnapshots(api, bad);
    checkFiles(bad);
    checkHostView(api, bad);
    return bad;
  }

  /** Resolves calls without an answer and snapshots unfinished at the kill; deletes failed ones. */
  private void settleUncertain(Map<String, JsonNode> api, List<String> bad) {
    for (String id : ledger.maybeDeleted()) {
      if (api.containsKey(id)) {
        ledger.notDeleted(id);
      } else {
        ledger.goneAfterAll(id);
      }
    }
    Map<String, String> expected = new LinkedHashMap<>(ledger.pending());
    Map<String, String> lost = ledger.lostCreates();
    for (JsonNode s : api.values()) {
      String id = s.path("SnapshotId").asText();
      String disk = s.path("SourceDiskId").asText();
      if (ledger.known(id)) {
        continue;
      }
      if (!lost.containsKey(disk)) {
        bad.add("snapshot " + id + " of " + disk + " exists but no CreateSnapshot could have made it");
        continue;
      }
      ledger.adopt(id, disk);
      expected.put(id, lost.get(disk));
    }
    ledger.clearLostCreates();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String id = e.getKey();
      String status = api.containsKey(id) ? api.get(id).path("Status").asText() : "gone";
      if (status.equals("accomplished")) {
        String sum = StorageKit.checksum(snapshotFile(id), CrashLoop.MIB);
        if (!e.getValue().isEmpty() && !e.getValue().equals(sum)) {
          bad.add("CHANGED: snapshot " + id + ", finished after the restart, reads " + sum + " but the disk held "
              + e.getValue() + " when it was asked for");
        }
        ledger.accomplished(id, sum);
      } else if (status.equals("failed")) {
        ledger.failed(id);
      } else {
        bad.add("snapshot " + id + " (CreateSnapshot answered) is " + status + " after the restart");
      }
    }
    for (JsonNode s : List.copyOf(api.values())) {
      String id = s.path("SnapshotId").asText();
      if (!keepFailed && "failed".equals(s.path("Status").asText())) { // they pin a layer (bug 2)
        d.call("DeleteSnapshot", "SnapshotId", id);
        ledger.deleted(id);
        DaemonProcess.await("failed " + id + " to go", Duration.ofSeconds(60), () -> rows(
            "SELECT 1 FROM snapshots WHERE snapshot_id = ?", id).isEmpty());
        api.remove(id);
      }
    }
  }

  /** (a) Accomplished snapshots are all there and read as when taken; deleted ones are gone. */
  private void checkSnapshots(Map<String, JsonNode> api, List<String> bad) {
    for (Map.Entry<String, String> e : ledger.content().entrySet()) {
      String id = e.getKey();
      JsonNode s = api.get(id);
      if (s == null || !"accomplished".equals(s.path("Status").asText())) {
        bad.add("LOST: snapshot " + id + " of " + ledger.diskOf(id) + " was accomplished and never deleted,"
            + " but DescribeSnapshots shows " + (s == null ? "nothing" : s.path("Status").asText()));
        continue;
      }
      Path f = snapshotFile(id);
      if (!Files.exists(f)) {
        bad.add("LOST: the frozen layer " + f + " of snapshot " + id + " is missing");
        continue;
      }
      try {
        String now = StorageKit.checksum(f, CrashLoop.MIB);
        if (!now.equals(e.getValue())) {
          bad.add("CHANGED: snapshot " + id + " of " + ledger.diskOf(id) + " read " + e.getValue()
              + " when accomplished and reads " + now + " now (" + f + ", chain " + StorageKit.chain(f) + ")");
        }
      } catch (RuntimeException x) {
        bad.add("UNREADABLE: snapshot " + id + " (" + f + "): " + x.getMessage());
      }
    }
    Path coldFile = host.abs(rows("SELECT file FROM disks WHERE disk_id = ?", cold).get(0));
    String coldNow = StorageKit.checksum(coldFile, CrashLoop.MIB);
    if (!coldNow.equals(coldModel.sha256())) {
      bad.add("CHANGED: the cold disk " + cold + " reads " + coldNow + ", the host wrote " + coldModel.sha256()
          + " (" + coldFile + ", chain " + StorageKit.chain(coldFile) + ")");
    }
    for (String id : ledger.deleted()) {
      if (api.containsKey(id) || !rows("SELECT 1 FROM snapshots WHERE snapshot_id = ?", id).isEmpty()) {
        bad.add("snapshot " + id + " was deleted (DeleteSnapshot answered) but is still there");
      }
    }
  }

  /** (b) Clean qcow2 files, no leak, no missing file, headers agree with the layer tree. */
  private void checkFiles(List<String> bad) {
    Map<String, HostStorageView.Layer> layers = host.layers();
    Set<String> needed = new HashSet<>(rows("SELECT file FROM disks UNION SELECT file FROM snapshots"
        + " WHERE status = 'accomplished'"));
    for (String l : layers.keySet()) {
      if (!needed.contains(l)) {
        boolean inChain = layers.values().stream().anyMatch(x -> l.equals(x.parent()));
        if (inChain && Volumes.flat(l)) {
          continue; // a long chain flattened (at an attach): only the layer above it needs it, by design
        }
        bad.add("LEAK: layer " + l + (inChain ? " stays in a chain" : " stays") + " though no disk or"
            + " accomplished snapshot is on it (snapshots on it: "
            + rows("SELECT snapshot_id || ' ' || status FROM snapshots WHERE file = ?", l) + ")");
      }
    }
    for (String f : host.volumeFiles()) {
      if (!layers.containsKey(f)) {
        bad.add("LEAK: " + f + " is in the volume directory but no layer of the store");
      }
    }
    Set<Path> running = new HashSet<>();
    liveDisks().values().forEach(x -> running.add(x.file()));
    for (HostStorageView.Layer l : layers.values()) {
      Path f = host.abs(l.file());
      if (!Files.exists(f)) {
        bad.add("MISSING: layer " + l.file() + " of " + l.diskId() + " has no file");
      } else if (!running.contains(f)) { // a guest's active layer: only libvirt may look at it, in (c)
        String check = HostStorageView.check(f);
        if (check != null) {
          bad.add("CHECK: qemu-img check " + l.file() + ": " + check);
        }
        Path header = HostStorageView.headerBacking(f);
        if (!Objects.equals(header, host.abs(l.parent()))) {
          bad.add("TREE: " + l.file() + " is backed by " + header + " in its header, the store says " + l.parent());
        }
      }
    }
  }

  /** (c) API, store and domain agree on each disk's file and attachment. */
  private void checkHostView(Map<String, JsonNode> api, List<String> bad) {
    api.values().stream().filter(s -> "progressing".equals(s.path("Status").asText()))
        .forEach(s -> bad.add("snapshot " + s.path("SnapshotId").asText() + " is still progressing"));
    String state = EcsboxHarness.host().state(instance).orElse("absent");
    if (!state.equals("running")) {
      bad.add(instance + " is " + state + " in libvirt after the restart");
    }
    Map<String, HostStorageView.DomainDisk> live = liveDisks();
    Map<String, HostStorageView.DomainDisk> config = HostStorageView.domainDisks(
        HostStorageView.inactiveXml(instance));
    Map<String, HostStorageView.Layer> layers = host.layers();
    for (String disk : disks) {
      JsonNode a = d.disk(disk);
      List<String> row = rows("SELECT status || ' ' || COALESCE(instance_id, '-') || ' ' || file || ' '"
          + " || COALESCE(device, '-') FROM disks WHERE disk_id = ?", disk);
      if (a == null || row.isEmpty()) {
        bad.add("disk " + disk + " is gone (API " + a + ", store " + row + ")");
        continue;
      }
      String[] st = row.get(0).split(" ");
      String status = st[0];
      String inst = st[1].equals("-") ? "" : st[1];
      Path file = host.abs(st[2]);
      if (!a.path("Status").asText().equals(status) || !a.path("InstanceId").asText().equals(inst)) {
        bad.add("disk " + disk + ": API says " + a.path("Status").asText() + "/" + a.path("InstanceId").asText()
            + ", store " + status + "/" + inst);
      }
      HostStorageView.DomainDisk dd = live.get(disk);
      HostStorageView.DomainDisk cd = config.get(disk);
      if (status.equals("In_use") && instance.equals(inst)) {
        if (dd == null) {
          bad.add("disk " + disk + " is In_use on " + instance + " but the running domain has no disk " + disk);
        } else {
          List<Path> chain = host.storeChain(st[2], layers);
          if (!dd.file().equals(file)) {
            bad.add("disk " + disk + ": the store's active layer is " + file + ", the domain writes " + dd.file());
          } else if (!dd.chain().equals(chain)) {
            bad.add("disk " + disk + ": the domain's chain " + dd.chain() + " is not the store's " + chain);
          }
          if (!("/dev/x" + dd.target()).equals(st[3])) {
            bad.add("disk " + disk + ": device " + st[3] + " in the store, target " + dd.target() + " in the domain");
          }
        }
        if (!config.isEmpty() && (cd == null || !cd.file().equals(file))) {
          bad.add("disk " + disk + ": the persistent definition uses " + (cd == null ? "nothing" : cd.file())
              + ", the store " + file);
        }
      } else if (status.equals("Available")) {
        if (dd != null || cd != null) {
          bad.add("disk " + disk + " is Available but the domain still has it (" + (dd != null ? "live" : "config")
              + ")");
        }
      } else {
        bad.add("disk " + disk + " is " + status + " after the restart settled");
      }
    }
    live.keySet().stream().filter(serial -> !disks.contains(serial))
        .forEach(serial -> bad.add("the domain has a disk " + serial + " the store does not know"));
  }

  String dump() {
    return host.dump();
  }

  int layerCount() {
    return host.layers().size();
  }

  Map<String, HostStorageView.DomainDisk> liveDisks() {
    try {
      return HostStorageView.domainDisks(EcsboxHarness.host().xml(instance));
    } catch (org.libvirt.LibvirtException e) {
      return Map.of();
    }
  }

  private Path snapshotFile(String id) {
    return host.abs(rows("SELECT file FROM snapshots WHERE snapshot_id = ?", id).get(0));
  }

  private List<String> rows(String sql, Object... args) {
    return db.query(sql, rs -> rs.getString(1), args);
  }
}
