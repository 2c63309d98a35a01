package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Storage test support: ECS calls by name (signed, through {@link RawApi}), the daemon's
 * view of layer files (read from its SQLite store, as an operator could), and content
 * checksums of qcow2 chains with qemu-img.
 */
final class StorageKit implements AutoCloseable {
  static final CommandRunner RUN = new CommandRunner();
  private final EcsboxHarness h;
  private final Database db;

  StorageKit(EcsboxHarness h) {
    this.h = h;
    this.db = Database.open(h.dataDir().resolve("ecsbox.db"));
  }

  /** Calls the action; returns the body, or throws {@link ApiError} with its Code. */
  JsonNode call(String action, String... kv) {
    Map<String, String> p = new TreeMap<>(h.raw().params(action));
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    try {
      RawApi.Response r = h.raw().send(p);
      if (r.status() != 200) {
        throw new ApiError(r.code(), r.status(), r.body().path("Message").asText());
      }
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The ECS error code of the call, which must fail. */
  String error(String action, String... kv) {
    try {
      JsonNode ok = call(action, kv);
      throw new AssertionError(action + " should have failed but answered " + ok);
    } catch (ApiError e) {
      return e.code;
    }
  }

  static final class ApiError extends RuntimeException {
    final String code;
    final int status;

    ApiError(String code, int status, String message) {
      super(code + " (" + status + "): " + message);
      this.code = code;
      this.status = status;
    }
  }

  JsonNode disk(String id) {
    JsonNode l = call("DescribeDisks", "DiskIds", "[\"" + id + "\"]").path("Disks").path("Disk");
    return l.size() == 0 ? null : l.get(0);
  }

  JsonNode snapshot(String id) {
    JsonNode l = call("DescribeSnapshots", "SnapshotIds", "[\"" + id + "\"]").path("Snapshots").path("Snapshot");
    return l.size() == 0 ? null : l.get(0);
  }

  String waitDisk(String id, String status) {
    return h.waitUntil(id + " " + status, Duration.ofSeconds(90), () -> {
      JsonNode d = disk(id);
      return d == null ? "gone" : d.path("Status").asText();
    }, status::equals, null);
  }

  String takeSnapshot(String diskId, String name) {
    String id = call("CreateSnapshot", "DiskId", diskId, "SnapshotName", name).path("SnapshotId").asText();
    String st = h.waitUntil("snapshot " + id, Duration.ofSeconds(90),
        () -> snapshot(id).path("Status").asText(), s -> !s.equals("progressing"), null);
    assertEquals("accomplished", st, "snapshot " + id);
    return id;
  }

  void waitSnapshotGone(String id) {
    call("DescribeSnapshots"); // the API hides it at once; the file goes when the merge is done
    h.waitUntil("merge of " + id, Duration.ofSeconds(120), () -> rows("SELECT snapshot_id FROM snapshots"
        + " WHERE snapshot_id = ?", id).isEmpty(), b -> b, null);
  }

  /** The active layer file of a disk. */
  Path diskFile(String diskId) {
    return h.dataDir().resolve(rows("SELECT file FROM disks WHERE disk_id = ?", diskId).get(0));
  }

  /** The frozen layer file of a snapshot. */
  Path snapshotFile(String snapshotId) {
    return h.dataDir().resolve(rows("SELECT file FROM snapshots WHERE snapshot_id = ?", snapshotId).get(0));
  }

  List<String> rows(String sql, Object... args) {
    return db.query(sql, rs -> rs.getString(1), args);
  }

  /** Writes {@code len} bytes of {@code pattern} at {@code offset} into an unattached qcow2 disk. */
  static void write(Path qcow2, int pattern, String offset, String len) {
    RUN.run(List.of("qemu-io", "-f", "qcow2", "-c", "write -P " + pattern + " " + offset + " " + len,
        qcow2.toString()), Duration.ofSeconds(60));
  }

  /** SHA-256 of the first {@code mib} MiB of what the chain at {@code top} reads (force-share). */
  static String checksum(Path top, int mib) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(top, mib)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The first {@code mib} MiB the chain at {@code top} reads, opened with force-share. While a
   * live block job (pull, commit) runs through the chain, QEMU withholds even a shared reader's
   * "consistent read" of its intermediate layers; the read is retried until the job is done.
   */
  static byte[] read(Path top, int mib) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try {
        Path out = Files.createTempFile("ecsbox-it-", ".raw");
        Files.delete(out);
        try {
          var r = RUN.runAllowingFailure(List.of("qemu-img", "dd", "-U", "-f", "qcow2", "-O", "raw", "bs=1M",
              "count=" + mib, "if=" + top, "of=" + out), Duration.ofSeconds(60));
          if (r.exitCode() == 0) {
            return Files.readAllBytes(out);
          }
          String why = (r.stdout() + r.stderr()).strip();
          if (!why.contains("\"consistent read\" lock") || System.nanoTime() > deadline) {
            throw new IllegalStateException("qemu-img dd of " + top + " exited " + r.exitCode() + ": " + why);
          }
        } finally {
          Files.deleteIfExists(out);
        }
        Thread.sleep(250);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The backing chain of {@code top}, top first, as qemu-img reports it. */
  static List<String> chain(Path top) {
    String json = RUN.run(List.of("qemu-img", "info", "-U", "--backing-chain", "--output=json", top.toString()),
        Duration.ofSeconds(30)).stdout();
    try {
      List<String> out = new java.util.ArrayList<>();
      for (JsonNode n : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)) {
        out.add(n.path("filename").asText());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean checkClean(Path qcow2) {
    return RUN.runAllowingFailure(List.of("qemu-img", "check", "-U", "-f", "qcow2", qcow2.toString()),
        Duration.ofSeconds(60)).exitCode() == 0;
  }

  @Override
  public void close() {
    db.close();
  }
}
