package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.bench.SnapshotBenchResult.History;
import io.ecsbox.bench.SnapshotBenchResult.SizeRun;
import io.ecsbox.client.WaitTimeoutException;
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
 * the store records the snapshot accomplished (polled every millisecond, so polling adds no
 * HTTP round trips to the figure); the frozen layer's bytes; and a full copy of the same
 * chain, timed. Never touches a disk a guest uses: every disk here is unattached.
 */
public final class SnapshotTiming {
  static final long MIB = 1L << 20;
  /** The one category whose data disks may be 1 GiB; performance plays no part offline. */
  static final String CATEGORY = "cloud_auto";
  private static final Duration SNAPSHOT_DEADLINE = Duration.ofSeconds(120);
  private static final long POLL_MS = 1; // a snapshot takes tens of ms: poll finely

  private final BiFunction<String, Map<String, String>, JsonNode> api;
  private final StorageProbe probe;
  private final BenchTicker time;

  public SnapshotTiming(BiFunction<String, Map<String, String>, JsonNode> api, StorageProbe probe, BenchTicker time) {
    this.api = api;
    this.probe = probe;
    this.time = time;
  }

  /** A snapshot and the milliseconds from the CreateSnapshot call until it was accomplished. */
  record Timed(String snapshotId, double millis) {}

  /** CreateDisk (it answers once the disk's file exists); returns the disk id. */
  public String createDisk(int sizeGiB, String category, String performanceLevel, String name) {
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
   * Parts 1–3 on one new disk per size: after one uncounted snapshot of each, {@code reps}
   * rounds, each visiting every disk (in turn first) with W MiB written at the same offset, a
   * timed CreateSnapshot, the frozen layer measured, and its chain copied into {@code copyDir}
   * (the copy is deleted at once). Returns one run per size, in the order given.
   */
  public List<SizeRun> measure(List<Integer> sizesGiB, int reps, int writeMiB, Path copyDir) throws InterruptedException {
    List<String> disks = new ArrayList<>();
    List<Acc> acc = new ArrayList<>();
    for (int size : sizesGiB) {
      disks.add(createDisk(size, CATEGORY, null, "bench-" + size + "g"));
      acc.add(new Acc());
    }
    for (String disk : disks) {
      snapshot(disk); // warm-up, not counted: the first call pays for JIT and cold caches
    }
    int n = disks.size();
    for (int rep = 0; rep < reps; rep++) {
      for (int k = 0; k < n; k++) {
        int i = (k + rep) % n;
        step(disks.get(i), rep, writeMiB, copyDir, acc.get(i));
      }
    }
    List<SizeRun> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new SizeRun(sizesGiB.get(i), acc.get(i).snaps, acc.get(i).copies, acc.get(i).layers));
    }
    return out;
  }

  private static final class Acc {
    final List<Double> snaps = new ArrayList<>();
    final List<Double> copies = new ArrayList<>();
    final List<Long> layers = new ArrayList<>();
  }

  private void step(String disk, int rep, int writeMiB, Path copyDir, Acc acc) throws InterruptedException {
    probe.write(probe.diskFile(disk), offsetMiB(rep, writeMiB) * MIB, writeMiB * MIB, pattern(rep));
    Timed t = snapshot(disk);
    acc.snaps.add(t.millis());
    Path layer = probe.snapshotFile(t.snapshotId());
    acc.layers.add(probe.actualBytes(layer));
    Path copy = copyDir.resolve(disk + "-copy" + rep + ".qcow2");
    long c0 = time.nanos();
    try {
      probe.copy(layer, copy);
      acc.copies.add(time.millisSince(c0));
    } finally {
      probe.delete(copy);
    }
  }

  /**
   * Builds a history on an unattached disk: {@code snapshots} rounds of {@code chunkMiB} MiB
   * written at offset {@code 2 × round × chunk} (each round in a new place) and a CreateSnapshot.
   */
  public History history(String disk, int snapshots, int chunkMiB) throws InterruptedException {
    long t0 = time.nanos();
    List<Double> ms = new ArrayList<>();
    for (int r = 0; r < snapshots; r++) {
      probe.write(probe.diskFile(disk), 2L * r * chunkMiB * MIB, chunkMiB * MIB, pattern(r));
      ms.add(snapshot(disk).millis());
    }
    return new History(snapshots, chunkMiB, ms, time.millisSince(t0) / 1000);
  }

  /** CreateSnapshot through the API, then the store until the snapshot is accomplished. */
  Timed snapshot(String disk) throws InterruptedException {
    long t0 = time.nanos();
    String id = api.apply("CreateSnapshot", Map.of("DiskId", disk, "SnapshotName", "bench-snapshot"))
        .path("SnapshotId").asText();
    long deadline = t0 + SNAPSHOT_DEADLINE.toNanos();
    while (true) {
      String status = probe.snapshotStatus(id);
      if ("accomplished".equals(status)) {
        return new Timed(id, time.millisSince(t0));
      }
      if (!"progressing".equals(status)) {
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
