package io.ecsbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.store.Database;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What is really on the host for a data dir, read without the daemon: the layer tree and
 * snapshot rows of its store, the files in its volume directory, the backing file each qcow2
 * header names, and the disks (by serial) of a libvirt domain with the chains libvirt reports.
 */
final class HostStorageView {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A layer row: {@code parent} as stored (relative to the data dir, or absolute). */
  record Layer(String file, String parent, String diskId) {}

  /** One disk of a domain XML: target dev, active file and the backing files below it. */
  record DomainDisk(String serial, String target, Path file, List<Path> backing) {
    List<Path> chain() {
      List<Path> all = new ArrayList<>();
      all.add(file);
      all.addAll(backing);
      return all;
    }
  }

  private final Path dataDir;
  private final Database db;

  HostStorageView(Path dataDir, Database db) {
    this.dataDir = dataDir;
    this.db = db;
  }

  Map<String, Layer> layers() {
    Map<String, Layer> out = new LinkedHashMap<>();
    for (Layer l : db.query("SELECT file, parent, disk_id FROM layers ORDER BY created",
        rs -> new Layer(rs.getString(1), rs.getString(2), rs.getString(3)))) {
      out.put(l.file(), l);
    }
    return out;
  }

  Path abs(String stored) {
    return stored == null ? null : dataDir.resolve(stored).normalize();
  }

  /** Every regular file under DATA_DIR/volumes, as the store names it ("volumes/..."). */
  TreeSet<String> volumeFiles() {
    Path root = dataDir.resolve("volumes");
    TreeSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> s = Files.list(root)) {
      s.forEach(p -> out.add(dataDir.relativize(p).toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The backing file the qcow2 header of {@code file} names (absolute), or null. */
  static Path headerBacking(Path file) {
    String json = StorageKit.RUN.run(List.of("qemu-img", "info", "-U", "--output=json", file.toString()),
        Duration.ofSeconds(30)).stdout();
    try {
      JsonNode n = JSON.readTree(json);
      String b = n.path("full-backing-filename").asText(n.path("backing-filename").asText(""));
      if (b.isEmpty()) {
        return null;
      }
      Path p = Path.of(b);
      return (p.isAbsolute() ? p : file.getParent().resolve(p)).normalize();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code mib} MiB the chain at {@code top} reads (force-share: for frozen layers only). */
  static byte[] read(Path top, int mib) {
    return StorageKit.read(top, mib);
  }

  /** What a snapshot read: the layer the store named for it then, and the checksum of its chain. */
  record SnapshotRead(Path file, String sha256) {}

  /**
   * Reads the first {@code mib} MiB of snapshot {@code id} from the layer the store names for it.
   * That layer may change while the daemon runs: deleting the snapshot below it by a live commit
   * makes the lower file the snapshot's layer and deletes the old one. When the file went between
   * reading the row and reading the file, and the row names another file since, that one is read;
   * a file the store still names but that is gone is an error.
   */
  SnapshotRead readSnapshot(String id, int mib) {
    for (int moves = 0; ; moves++) {
      String stored = snapshotFile(id);
      Path f = abs(stored);
      try {
        return new SnapshotRead(f, StorageKit.checksum(f, mib));
      } catch (IllegalStateException e) {
        String now = snapshotFile(id);
        if (Files.exists(f) || now.equals(stored) || moves >= 3) {
          throw new IllegalStateException("snapshot " + id + ": " + e.getMessage() + " (the store names "
              + now + " for it now)", e);
        }
      }
    }
  }

  private String snapshotFile(String id) {
    List<String> f = db.query("SELECT file FROM snapshots WHERE snapshot_id = ?", rs -> rs.getString(1), id);
    if (f.isEmpty()) {
      throw new IllegalStateException("snapshot " + id + " has no row");
    }
    return f.get(0);
  }

  /** {@code qemu-img check -U}: null when clean, else exit code and output. */
  static String check(Path file) {
    var r = StorageKit.RUN.runAllowingFailure(List.of("qemu-img", "check", "-U", "-f", "qcow2", file.toString()),
        Duration.ofSeconds(60));
    return r.exitCode() == 0 ? null : "exit " + r.exitCode() + ": " + (r.stdout() + r.stderr()).strip();
  }

  /** The chain the store records from {@code file} down (absolute paths), image last. */
  List<Path> storeChain(String file, Map<String, Layer> layers) {
    List<Path> out = new ArrayList<>();
    String f = file;
    while (f != null && out.size() < 100) {
      out.add(abs(f));
      Layer l = layers.get(f);
      f = l == null ? null : l.parent();
    }
    return out;
  }

  /** The {@code device='disk'} disks with a serial in a domain XML, by serial. */
  static Map<String, DomainDisk> domainDisks(String xml) {
    Map<String, DomainDisk> out = new LinkedHashMap<>();
    try {
      var f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
      Element devices = child(root, "devices");
      for (Node n = devices == null ? null : devices.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (!(n instanceof Element disk) || !disk.getTagName().equals("disk")
            || !"disk".equals(disk.getAttribute("device"))) {
          continue;
        }
        Element serial = child(disk, "serial");
        Element target = child(disk, "target");
        if (serial == null) {
          continue;
        }
        List<Path> backing = new ArrayList<>();
        for (Element b = child(disk, "backingStore"); b != null; b = child(b, "backingStore")) {
          Path p = source(b);
          if (p != null) {
            backing.add(p);
          }
        }
        out.put(serial.getTextContent().strip(), new DomainDisk(serial.getTextContent().strip(),
            target == null ? "" : target.getAttribute("dev"), source(disk), backing));
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot parse domain XML: " + e.getMessage(), e);
    }
    return out;
  }

  /** The persistent (inactive) definition, through virsh; empty for an embedded libvirt. */
  static String inactiveXml(String name) {
    if (EcsboxHarness.LIBVIRT_URI.contains("/embed")) {
      return "";
    }
    return StorageKit.RUN.run(List.of("virsh", "-c", EcsboxHarness.LIBVIRT_URI, "dumpxml", "--inactive", name),
        Duration.ofSeconds(30)).stdout();
  }

  /** The store's tables and the volume directory, for a failure report. */
  String dump() {
    StringBuilder sb = new StringBuilder("--- disks\n");
    db.query("SELECT disk_id, status, instance_id, device, file, deleting FROM disks", rs -> {
      for (int i = 1; i <= 6; i++) {
        sb.append(rs.getString(i)).append(i < 6 ? " " : "\n");
      }
      return 1;
    });
    sb.append("--- snapshots\n");
    db.query("SELECT snapshot_id, disk_id, status, file, next_file, deleting FROM snapshots", rs -> {
      for (int i = 1; i <= 6; i++) {
        sb.append(rs.getString(i)).append(i < 6 ? " " : "\n");
      }
      return 1;
    });
    sb.append("--- layers (file <- parent, disk)\n");
    layers().values().forEach(l -> sb.append(l.file()).append(" <- ").append(l.parent()).append(' ')
        .append(l.diskId()).append('\n'));
    sb.append("--- ").append(dataDir.resolve("volumes")).append('\n');
    volumeFiles().forEach(f -> sb.append(f).append('\n'));
    return sb.toString();
  }

  private static Element child(Element e, String tag) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        return c;
      }
    }
    return null;
  }

  private static Path source(Element disk) {
    Element s = child(disk, "source");
    return s == null || s.getAttribute("file").isEmpty() ? null : Path.of(s.getAttribute("file")).normalize();
  }
}
