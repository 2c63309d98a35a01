package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.bench.SnapshotBenchResult.History;
import io.ecsbox.bench.SnapshotBenchResult.SizeRun;
import io.ecsbox.cli.Json;
import io.ecsbox.cli.WaitTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The storage parts of {@code bench snapshot}, through a daemon's ECS API: W MiB written into
 * an unattached disk's active layer on the host, then CreateSnapshot, timed from the call until
 * DescribeSnapshots reports it accomplished; the frozen layer's bytes; and a full copy of the
 * same chain, timed. Never touches a disk a guest uses: every disk here is unattached.
 */
final class SnapshotTiming {
  static final long MIB = 1L << 20;
  /** The one category whose data disks may be 1 GiB; performance plays no part offline. */
  static final String CATEGORY = "cloud_auto";
  private static final Duration SNAPSHOT_DEADLINE = Duration.ofSeconds(120);
  private static final long POLL_MS = 1; // the snapshot takes tens of ms: poll finely

  private final BiFunction<String, Map<String, String>, JsonNode> api;
  private final StorageProbe probe;
  private final BenchTicker time;

  SnapshotTiming(BiFunction<String, Map<String, String>, JsonNode> api, StorageProbe probe, BenchTicker time) {
    this.api = api;
    this.probe = probe;
    this.time = time;
  }

  /** A snapshot and the milliseconds from the CreateSnapshot call until it was accomplished. */
  record Timed(String snapshotId, double millis) {}

  /** CreateDisk (it answers once the disk's file exists); returns the disk id. */
  String createDisk(int sizeGiB, String category, String performanceLevel, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Size", String.valueOf(sizeGiB));
    p.put("DiskCategory", category);
    if (performanceLevel != null) {
      p.put("PerformanceLevel", performanceLevel);
    }
    p.put("DiskName", name);
    return api.apply("CreateDisk", p).path("DiskId").asText();
  }

  /**
   * Parts 1–3 on a new disk of {@code sizeGiB}: {@code reps} times, W MiB written at the same
   * offsets on every disk size, CreateSnapshot timed, the frozen layer measured, and its chain
   * copied into {@code copyDir} (the copy is deleted at once).
   */
  SizeRun measure(int sizeGiB, int reps, int writeMiB, Path copyDir) throws InterruptedException {
    String disk = createDisk(sizeGiB, CATEGORY, null, "bench-" + sizeGiB + "g");
    List<Double> snaps = new ArrayList<>();
    List<Double> copies = new ArrayList<>();
    List<Long> layers = new ArrayList<>();
    for (int rep = 0; rep < reps; rep++) {
      probe.write(probe.diskFile(disk), offsetMiB(rep, writeMiB) * MIB, writeMiB * MIB, pattern(rep));
      Timed t = snapshot(disk);
      snaps.add(t.millis());
      Path layer = probe.snapshotFile(t.snapshotId());
      layers.add(probe.actualBytes(layer));
      Path copy = copyDir.resolve(disk + "-copy" + rep + ".qcow2");
      long c0 = time.nanos();
      try {
        probe.copy(layer, copy);
        copies.add(time.millisSince(c0));
      } finally {
        probe.delete(copy);
      }
    }
    return new SizeRun(sizeGiB, snaps, copies, layers);
  }

  /**
   * Builds a history on an unattached disk: {@code snapshots} rounds of {@code chunkMiB} MiB
   * written at offset {@code 2 × round × chunk} (so later rounds land in new places) and a
   * CreateSnapshot.
   */
  History history(String disk, int snapshots, int chunkMiB) throws InterruptedException {
    long t0 = time.nanos();
    List<Double> ms = new ArrayList<>();
    for (int r = 0; r < snapshots; r++) {
      probe.write(probe.diskFile(disk), 2L * r * chunkMiB * MIB, chunkMiB * MIB, pattern(r));
      ms.add(snapshot(disk).millis());
    }
    return new History(snapshots, chunkMiB, ms, time.millisSince(t0) / 1000);
  }

  /** CreateSnapshot, then DescribeSnapshots until it is accomplished. */
  Timed snapshot(String disk) throws InterruptedException {
    long t0 = time.nanos();
    String id = api.apply("CreateSnapshot", Map.of("DiskId", disk, "SnapshotName", "bench-snapshot"))
        .path("SnapshotId").asText();
    long deadline = t0 + SNAPSHOT_DEADLINE.toNanos();
    while (true) {
      String status = status(id);
      if ("accomplished".equals(status)) {
        return new Timed(id, time.millisSince(t0));
      }
      if ("failed".equals(status) || status == null) {
        throw new IllegalStateException("snapshot " + id + " of " + disk + " is " + (status == null ? "gone" : status)
            + " (set ECSBOX_LOG_LEVEL=INFO to see the daemon's log)");
      }
      if (time.nanos() - deadline > 0) {
        throw new WaitTimeoutException("snapshot " + id + " of " + disk + " not accomplished within "
            + SNAPSHOT_DEADLINE.toSeconds() + " s");
      }
      time.pause(POLL_MS);
    }
  }

  private String status(String snapshotId) {
    JsonNode r = api.apply("DescribeSnapshots", Map.of("SnapshotIds", Json.array(List.of(snapshotId))));
    for (JsonNode s : Json.list(r, "Snapshots", "Snapshot")) {
      if (snapshotId.equals(s.path("SnapshotId").asText())) {
        return s.path("Status").asText();
      }
    }
    return null;
  }

  /** Where repetition {@code rep} writes: W-aligned slots inside the smallest disk (1 GiB), in turn. */
  static long offsetMiB(int rep, int writeMiB) {
    int slots = Math.max(1, (SnapshotBenchSettings.SMALL_GIB * 1024) / writeMiB);
    return (long) (rep % slots) * writeMiB;
  }

  /** A non-zero byte per round, so every write is real data. */
  static int pattern(int round) {
    return 0x11 + round % 0xee;
  }
}
