package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.bench.SnapshotBenchResult.History;
import io.ecsbox.bench.SnapshotBenchResult.SizeRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotTimingTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final long MIB = SnapshotTiming.MIB;

  /** Time moves 1 ms per read; a snapshot is accomplished on the third status read. */
  private static final class FakeWorld implements BenchTicker, StorageProbe {
    long now;
    final List<String> calls = new ArrayList<>();
    final Map<String, Integer> reads = new HashMap<>();
    final Map<String, Integer> sizes = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    final List<Path> copied = new ArrayList<>();
    final List<Path> deleted = new ArrayList<>();
    String failStatus;

    JsonNode api(String action, Map<String, String> p) {
      calls.add(action);
      ObjectNode out = M.createObjectNode();
      switch (action) {
        case "CreateDisk" -> {
          String id = "d-" + p.get("Size") + "g" + calls.size();
          sizes.put(id, Integer.parseInt(p.get("Size")));
          out.put("DiskId", id);
        }
        case "CreateSnapshot" -> out.put("SnapshotId", "s-" + p.get("DiskId") + "-" + calls.size());
        default -> throw new IllegalArgumentException(action);
      }
      return out;
    }

    @Override
    public long nanos() {
      return now += 1_000_000;
    }

    @Override
    public void pause(long millis) {
      now += millis * 1_000_000;
    }

    @Override
    public Path diskFile(String diskId) {
      return Path.of("/v/" + diskId + ".qcow2");
    }

    @Override
    public Path snapshotFile(String snapshotId) {
      return Path.of("/v/" + snapshotId + ".qcow2");
    }

    @Override
    public String snapshotStatus(String snapshotId) {
      int n = reads.merge(snapshotId, 1, Integer::sum);
      return failStatus != null ? failStatus : n >= 3 ? "accomplished" : "progressing";
    }

    @Override
    public void write(Path file, long offset, long length, int pattern) {
      writes.add(file.getFileName() + "@" + offset / MIB + "+" + length / MIB);
    }

    @Override
    public long actualBytes(Path file) {
      return 64 * MIB + 256 * 1024;
    }

    @Override
    public void copy(Path top, Path dst) {
      copied.add(dst);
    }

    @Override
    public void delete(Path file) {
      deleted.add(file);
    }
  }

  @Test
  void everySizeGetsTheSameWritesInAlternatingOrderAndTheCopiesGo() throws Exception {
    FakeWorld w = new FakeWorld();
    List<SizeRun> runs = new SnapshotTiming(w::api, w, w).measure(List.of(1, 1024), 2, 64, Path.of("/c"));
    assertEquals(2, runs.size());
    assertEquals(1, runs.get(0).sizeGiB());
    assertEquals(1024, runs.get(1).sizeGiB());
    // round 0: small first; round 1: large first; both at the same offsets
    assertEquals(List.of("d-1g1.qcow2@0+64", "d-1024g2.qcow2@0+64", "d-1024g2.qcow2@64+64", "d-1g1.qcow2@64+64"),
        w.writes);
    for (SizeRun r : runs) {
      assertEquals(2, r.snapshotMs().size());
      assertEquals(2, r.copyMs().size());
      assertEquals(List.of(64 * MIB + 256 * 1024, 64 * MIB + 256 * 1024), r.layerBytes());
      // from the call to the third status read: two 1 ms pauses, two deadline checks, the final read
      assertEquals(List.of(5.0, 5.0), r.snapshotMs());
    }
    assertEquals(w.copied, w.deleted);
    assertEquals(4, w.copied.size());
    // one uncounted warm-up snapshot per disk, then two counted ones each
    assertEquals(6, w.calls.stream().filter("CreateSnapshot"::equals).count());
  }

  @Test
  void historyWritesEachRoundInANewPlace() throws Exception {
    FakeWorld w = new FakeWorld();
    History h = new SnapshotTiming(w::api, w, w).history("d-h", 3, 4);
    assertEquals(List.of("d-h.qcow2@0+4", "d-h.qcow2@8+4", "d-h.qcow2@16+4"), w.writes);
    assertEquals(3, h.snapshotMs().size());
    assertEquals(3, w.calls.stream().filter("CreateSnapshot"::equals).count());
  }

  @Test
  void aFailedSnapshotStopsTheRun() {
    FakeWorld w = new FakeWorld();
    w.failStatus = "failed";
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new SnapshotTiming(w::api, w, w).snapshot("d-x"));
    assertTrue(e.getMessage().contains("is failed"), e.getMessage());
  }

  @Test
  void offsetsStayInsideTheSmallDiskAndPatternsAreNeverZero() {
    assertEquals(0, SnapshotTiming.offsetMiB(0, 64));
    assertEquals(256, SnapshotTiming.offsetMiB(4, 64));
    assertEquals(0, SnapshotTiming.offsetMiB(16, 64)); // 16 slots of 64 MiB in 1 GiB
    assertEquals(0, SnapshotTiming.offsetMiB(3, 512) % 512);
    assertTrue(SnapshotTiming.offsetMiB(3, 512) + 512 <= 1024);
    for (int r = 0; r < 600; r++) {
      int p = SnapshotTiming.pattern(r);
      assertTrue(p > 0 && p <= 0xff);
    }
  }

  @Test
  void qemuIoGetsOneArgumentArray() {
    assertEquals(List.of("qemu-io", "-f", "qcow2", "-c", "write -P 0x11 67108864 8388608", "/v/a.qcow2"),
        HostStorageProbe.writeArgs(Path.of("/v/a.qcow2"), 64 * MIB, 8 * MIB, 0x11));
    assertThrows(IllegalArgumentException.class, () -> HostStorageProbe.writeArgs(Path.of("a.qcow2"), 0, 1, 1));
  }
}
