package io.ecsbox.bench;

import io.ecsbox.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * What remains on this host of instances that were deleted: a libvirt domain, a directory
 * under the data dir's {@code instances/}, a row naming them in the store (instances, disks,
 * network interfaces, and qcow2 layers in its directory). Rows are checked only when the store
 * can be read (a private daemon's).
 */
public final class InstanceLeaks {
  private static final List<String> TABLES = List.of("instances", "disks", "network_interfaces");

  private final Supplier<Collection<String>> domains;
  private final Path dataDir;
  private final Database db;

  /** {@code domains} lists the host's domains at each call; {@code db} null: rows are not checked. */
  public InstanceLeaks(Supplier<Collection<String>> domains, Path dataDir, Database db) {
    this.domains = domains;
    this.dataDir = dataDir;
    this.db = db;
  }

  public boolean checksRows() {
    return db != null;
  }

  /** What remained when the wait ended, and after how many seconds nothing did (NaN if it never came). */
  public record Clean(double seconds, List<String> left) {}

  /** Checks {@code ids} every second until nothing of them remains or {@code maxMs} pass. */
  public Clean awaitNone(Collection<String> ids, BenchTicker ticker, long maxMs) throws InterruptedException {
    long t0 = ticker.nanos();
    List<String> left = of(ids);
    while (!left.isEmpty() && ticker.millisSince(t0) < maxMs) {
      ticker.pause(1000);
      left = of(ids);
    }
    return new Clean(left.isEmpty() ? ticker.millisSince(t0) / 1000 : Double.NaN, left);
  }

  /** One line per leftover of {@code ids}: {@code domain i-…}, {@code dir …/i-…}, {@code row disks i-…}. */
  public List<String> of(Collection<String> ids) {
    List<String> out = new ArrayList<>();
    Collection<String> doms = domains.get();
    for (String id : ids) {
      if (doms.contains(id)) {
        out.add("domain " + id);
      }
      if (Files.exists(dataDir.resolve("instances").resolve(id))) {
        out.add("dir " + dataDir.resolve("instances").resolve(id));
      }
      if (db != null) {
        for (String table : TABLES) {
          if (!db.query("SELECT 1 FROM " + table + " WHERE instance_id = ?", rs -> 1, id).isEmpty()) {
            out.add("row " + table + " " + id);
          }
        }
        if (!db.query("SELECT 1 FROM layers WHERE file LIKE ?", rs -> 1, "instances/" + id + "/%").isEmpty()) {
          out.add("row layers instances/" + id + "/");
        }
      }
    }
    return out;
  }
}
