package io.ecsbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What must hold for LifecycleCrashIT once a restarted daemon settled, between the API, the
 * ledger of answered calls, the store and the host: instances and images answered as created
 * are listed and those answered as deleted are not, nothing twice; each listed instance's
 * domain matches its status; every domain, instance directory, store row, disk layer, image
 * file, process and security-group chain of the data dir belongs to something the API lists.
 * {@link #verify} returns findings as text (empty: all held), prefixed LOST, DUPLICATE,
 * APPEARED, NOT DELETED, STATE, LEAK or MISSING.
 */
final class LifecycleChecks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DaemonProcess d;
  private final Database db;
  private final LifecycleLedger ledger;
  private final HostStorageView storage;
  private final SgNames sgNames;

  LifecycleChecks(DaemonProcess d, Database db, LifecycleLedger ledger) {
    this.d = d;
    this.db = db;
    this.ledger = ledger;
    this.storage = new HostStorageView(d.dataDir(), db);
    this.sgNames = SgNames.forScope(NetworkCleanup.tagOf(d.dataDir(), Map.of()));
  }

  /** Instances or images the API shows as changing, as "id status"; empty once settled. */
  List<String> busy() {
    List<String> out = new ArrayList<>();
    d.instances().forEach((id, i) -> {
      if (List.of("Pending", "Starting", "Stopping").contains(i.path("Status").asText())) {
        out.add(id + " " + i.path("Status").asText());
      }
    });
    d.customImages().forEach((id, i) -> {
      if ("Creating".equals(i.path("Status").asText())) {
        out.add(id + " Creating");
      }
    });
    return out;
  }

  /** After a restart, before it settles: retries each unanswered RunInstances with its ClientToken. */
  List<String> retryLostRuns() {
    List<String> notes = new ArrayList<>();
    for (LifecycleLedger.Run r : ledger.drainLostRuns()) {
      try {
        JsonNode ids = d.call("RunInstances", r.params()).path("InstanceIdSets").path("InstanceIdSet");
        ids.forEach(id -> ledger.instances.created(id.asText(), r.name()));
        notes.add("RunInstances " + r.name() + " retried with its ClientToken: " + ids);
      } catch (StorageKit.ApiError e) {
        notes.add("RunInstances " + r.name() + " retried with its ClientToken: " + e.getMessage());
      }
    }
    return notes;
  }

  /** Once settled: unanswered deletes and creates become what the API shows. */
  void resolve() {
    ledger.instances.resolve(names(d.instances(), "InstanceName"));
    ledger.images.resolve(names(d.customImages(), "ImageName"));
  }

  List<String> verify() {
    List<String> bad = new ArrayList<>();
    JsonNode page = d.call("DescribeInstances", "PageSize", "100");
    List<String> ids = new ArrayList<>();
    page.path("Instances").path("Instance").forEach(i -> ids.add(i.path("InstanceId").asText()));
    if (ids.size() != new HashSet<>(ids).size() || ids.size() != page.path("TotalCount").asInt()) {
      bad.add("DUPLICATE: DescribeInstances lists " + ids + " with TotalCount " + page.path("TotalCount").asInt());
    }
    Map<String, JsonNode> inst = d.instances();
    checkApi(inst, d.customImages(), bad);
    checkDomains(inst, bad);
    checkRows(inst.keySet(), bad);
    checkLayers(bad);
    checkImageFiles(bad);
    checkProcesses(inst, bad);
    checkChains(bad);
    return bad;
  }

  private void checkApi(Map<String, JsonNode> inst, Map<String, JsonNode> imgs, List<String> bad) {
    compare("instance", ledger.instances, names(inst, "InstanceName"), bad);
    compare("image", ledger.images, names(imgs, "ImageName"), bad);
    inst.forEach((id, i) -> {
      if (!List.of("Running", "Stopped").contains(i.path("Status").asText())) {
        bad.add("STATE: " + id + " is still " + i.path("Status").asText() + " after the daemon settled");
      }
    });
    Set<String> systemDisks = new HashSet<>();
    d.call("DescribeDisks", "PageSize", "100").path("Disks").path("Disk").forEach(x -> {
      if ("system".equals(x.path("Type").asText()) && "In_use".equals(x.path("Status").asText())) {
        systemDisks.add(x.path("InstanceId").asText());
      }
    });
    inst.keySet().stream().filter(id -> !systemDisks.contains(id))
        .forEach(id -> bad.add("MISSING: " + id + " is listed without an In_use system disk"));
  }

  private static void compare(String what, LifecycleLedger.Kind k, Map<String, String> listed, List<String> bad) {
    k.live().forEach((id, name) -> {
      if (!listed.containsKey(id)) {
        bad.add("LOST: " + what + " " + id + " (" + name + ") was created (2xx) and never deleted, but is not listed");
      }
    });
    k.deletedIds().stream().filter(listed::containsKey)
        .forEach(id -> bad.add("NOT DELETED: " + what + " " + id + " was deleted (2xx) but is still listed"));
    listed.keySet().stream().filter(id -> !k.known(id))
        .forEach(id -> bad.add("APPEARED: " + what + " " + id + " (" + listed.get(id) + ") is listed, unknown to the calls"));
    Map<String, List<String>> byName = new HashMap<>();
    listed.forEach((id, name) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(id));
    byName.forEach((name, ids) -> {
      if (ids.size() > 1) {
        bad.add("DUPLICATE: one call (" + name + ") made the " + what + "s " + ids);
      }
    });
  }

  /** Running means a running domain, Stopped a domain not running; no other domain or directory of the data dir. */
  private void checkDomains(Map<String, JsonNode> inst, List<String> bad) {
    LibvirtView host = EcsboxHarness.host();
    inst.forEach((id, i) -> {
      String status = i.path("Status").asText();
      String state = host.state(id).orElse("absent");
      if (status.equals("Running") && !state.equals("running")
          || status.equals("Stopped") && state.equals("running")) {
        bad.add("STATE: " + id + " is " + status + " but its domain is " + state);
      }
      if (status.equals("Running") && !Files.isDirectory(d.dataDir().resolve("instances").resolve(id))) {
        bad.add("MISSING: " + id + " is Running without its directory instances/" + id);
      }
    });
    try {
      host.namesUsing(d.dataDir()).stream().filter(n -> !inst.containsKey(n))
          .forEach(n -> bad.add("LEAK: domain " + n + " (" + host.state(n).orElse("gone") + ") is no listed instance's"));
    } catch (org.libvirt.LibvirtException e) {
      bad.add("CHECK: cannot list domains: " + e.getMessage());
    }
    list(d.dataDir().resolve("instances")).stream().filter(n -> !inst.containsKey(n))
        .forEach(n -> bad.add("LEAK: directory instances/" + n + " " + list(d.dataDir().resolve("instances")
            .resolve(n)) + " is no listed instance's"));
  }

  /** No store row names an instance the API does not list. */
  private void checkRows(Set<String> listed, List<String> bad) {
    for (String table : List.of("instances", "disks", "network_interfaces", "eips")) {
      rows("SELECT DISTINCT instance_id FROM " + table + " WHERE instance_id IS NOT NULL").stream()
          .filter(id -> !listed.contains(id))
          .forEach(id -> bad.add("LEAK: a row of " + table + " names " + id + ", which is not listed"));
    }
  }

  /** Every volume file is a layer some listed disk or snapshot needs, and exists. */
  private void checkLayers(List<String> bad) {
    Set<String> listed = new HashSet<>(d.snapshots().keySet());
    d.call("DescribeDisks", "PageSize", "100").path("Disks").path("Disk").forEach(x -> listed.add(x.path("DiskId")
        .asText()));
    Map<String, HostStorageView.Layer> layers = storage.layers();
    Set<String> needed = new HashSet<>();
    List<String> tops = new ArrayList<>();
    for (String[] r : db.query("SELECT disk_id, file FROM disks UNION ALL SELECT snapshot_id, file FROM snapshots"
        + " WHERE file IS NOT NULL", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      if (listed.contains(r[0])) {
        tops.add(r[1]);
      }
    }
    for (String top : tops) {
      for (String f = top; f != null && needed.add(f); f = layers.containsKey(f) ? layers.get(f).parent() : null) {
        if (f.startsWith("volumes/") && !Files.exists(storage.abs(f))) {
          bad.add("MISSING: layer " + f + " of a listed disk or snapshot has no file");
        }
      }
    }
    layers.keySet().stream().filter(f -> !needed.contains(f))
        .forEach(f -> bad.add("LEAK: layer " + f + " of " + layers.get(f).diskId() + " is no listed disk's or snapshot's"));
    storage.volumeFiles().stream().filter(f -> !layers.containsKey(f))
        .forEach(f -> bad.add("LEAK: " + f + " is in the volume directory but no layer of the store"));
  }

  /**
   * Custom image files belong to a listed image, or to a deleted one the store keeps until the
   * image garbage collection (every 60 s) finds nothing uses it; the store holds the system
   * image's pin only; no job file is left once no image is Creating.
   */
  private void checkImageFiles(List<String> bad) {
    Set<String> listed = d.customImages().keySet();
    Set<String> deleted = new HashSet<>(rows("SELECT image_id FROM images WHERE deleted = 1"));
    for (String f : list(d.dataDir().resolve("images/custom"))) {
      String stem = f.replaceFirst("\\.qcow2$", "");
      if (!f.endsWith(".qcow2") || !listed.contains(stem) && !deleted.contains(stem)) {
        bad.add("LEAK: images/custom/" + f + " is no listed image's" + (f.endsWith(".qcow2") ? "" : " (a job's file)"));
      }
    }
    for (String[] r : db.query("SELECT image_id, file FROM images WHERE deleted = 0 AND status = 'Available'"
        + " AND file IS NOT NULL", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      if (!Files.exists(storage.abs(r[1]))) {
        bad.add("MISSING: image " + r[0] + " is Available but its file " + r[1] + " is not");
      }
    }
    Set<String> pins = new HashSet<>();
    for (String m : list(d.dataDir().resolve("images/system"))) {
      if (m.endsWith(".json")) {
        try {
          pins.add(JSON.readTree(d.dataDir().resolve("images/system").resolve(m).toFile()).path("Sha256").asText()
              + ".qcow2");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    list(d.dataDir().resolve("images/store")).stream().filter(f -> !pins.contains(f))
        .forEach(f -> bad.add("LEAK: images/store/" + f + " pins no system image"));
  }

  /** Processes naming the data dir: the daemon, the DHCP servers of its VPCs and the QEMU of Running instances. */
  private void checkProcesses(Map<String, JsonNode> inst, List<String> bad) {
    String dir = d.dataDir().toString();
    ProcessHandle.allProcesses().filter(p -> p.pid() != d.pid()).forEach(p -> {
      String cmd = p.info().commandLine().orElse("");
      if (!cmd.contains(dir) || cmd.contains("dnsmasq")) {
        return;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("guest=(i-[A-Za-z0-9]+)").matcher(cmd);
      String id = m.find() ? m.group(1) : null;
      if (id == null || !inst.containsKey(id) || !"Running".equals(inst.get(id).path("Status").asText())) {
        bad.add("LEAK: process " + p.pid() + " " + cmd.substring(0, Math.min(200, cmd.length()))
            + (id == null ? "" : " (" + id + " is " + (inst.containsKey(id) ? inst.get(id).path("Status").asText()
            : "not listed") + ")"));
      }
    });
  }

  /** Per-NIC security-group chains of this scope belong to NICs of listed instances. */
  private void checkChains(List<String> bad) {
    Set<String> listed = d.instances().keySet();
    Set<String> allowed = new HashSet<>();
    db.query("SELECT eni_id, mac, private_ip, instance_id FROM network_interfaces", rs -> {
      if (rs.getString(4) == null || listed.contains(rs.getString(4))) {
        Nic nic = new Nic(rs.getString(1), rs.getString(2), List.of(rs.getString(3)), List.of("sg-any"));
        allowed.addAll(List.of(sgNames.ingress(nic), sgNames.egress(nic), sgNames.sourceCheck(nic)));
      }
      return 1;
    });
    nicChains().stream().filter(c -> !allowed.contains(c))
        .forEach(c -> bad.add("LEAK: chain " + c + " is no listed instance's NIC's"));
  }

  /** The per-NIC chains of this scope (all but the shared FWD, TO and PASS). */
  Set<String> nicChains() {
    Set<String> shared = Set.of(sgNames.forward(), sgNames.toNics(), sgNames.pass());
    Set<String> out = new TreeSet<>();
    NetworkCleanup.rulesOf(d.dataDir()).lines().filter(l -> l.startsWith(":")).map(l -> l.substring(1).split(" ")[0])
        .filter(c -> !shared.contains(c)).forEach(out::add);
    return out;
  }

  String dump() {
    StringBuilder sb = new StringBuilder("--- instances (API)\n");
    d.instances().forEach((id, i) -> sb.append(id).append(' ').append(i.path("InstanceName").asText()).append(' ')
        .append(i.path("Status").asText()).append(' ').append(EcsboxHarness.host().state(id).orElse("absent"))
        .append('\n'));
    sb.append("--- instances (store)\n");
    db.query("SELECT instance_id, name, status, deleting FROM instances",
        rs -> sb.append(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " deleting=" + rs.getString(4))
            .append('\n'));
    sb.append("--- images (store)\n");
    db.query("SELECT image_id, name, status, deleted, file, error FROM images WHERE account_id IS NOT NULL",
        rs -> sb.append(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " deleted=" + rs.getString(4)
            + " " + rs.getString(5) + " " + rs.getString(6)).append('\n'));
    sb.append("--- images/custom: ").append(list(d.dataDir().resolve("images/custom"))).append('\n');
    return sb.append(storage.dump()).toString();
  }

  static Map<String, String> names(Map<String, JsonNode> listed, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    listed.forEach((id, x) -> out.put(id, x.path(field).asText()));
    return out;
  }

  /** File names in {@code dir}, sorted; empty when it does not exist. */
  static TreeSet<String> list(Path dir) {
    TreeSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> out.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private List<String> rows(String sql, Object... args) {
    return db.query(sql, rs -> rs.getString(1), args);
  }
}
