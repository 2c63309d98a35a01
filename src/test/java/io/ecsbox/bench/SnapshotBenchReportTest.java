package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.bench.SnapshotBenchResult.GuestWrites;
import io.ecsbox.bench.SnapshotBenchResult.History;
import io.ecsbox.bench.SnapshotBenchResult.SizeRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotBenchReportTest {
  private static final long MIB = SnapshotTiming.MIB;
  private static final SnapshotBenchSettings FULL = SnapshotBenchSettings.of(false, null, null, null, false, null, null);

  private static SnapshotBenchResult result(GuestWrites g, long layer) {
    SizeRun small = new SizeRun(1, List.of(30.0, 40.0, 50.0), List.of(300.0, 400.0, 500.0), List.of(layer, 64 * MIB));
    SizeRun large = new SizeRun(1024, List.of(44.0, 60.0, 90.0), List.of(600.0, 700.0, 800.0), List.of(64 * MIB));
    return new SnapshotBenchResult(FULL, small, large, new History(32, 4, List.of(20.0, 25.0), 3.5), g);
  }

  @Test
  void defaultsAndQuick() {
    assertEquals(new SnapshotBenchSettings(5, 64, 32, 4, true, 256, 5), FULL);
    assertEquals(new SnapshotBenchSettings(1, 8, 4, 4, false, 256, 5),
        SnapshotBenchSettings.of(true, null, null, null, false, null, null));
    assertEquals(3, SnapshotBenchSettings.of(true, 3, null, null, false, null, null).repetitions());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SnapshotBenchSettings.of(false, null, 1024, null, false, null, null));
    assertTrue(e.getMessage().startsWith("--write-mib"), e.getMessage());
    assertEquals((long) (1.05 * 64 * MIB) + MIB, FULL.layerLimitBytes());
  }

  @Test
  void linesShowTheFiguresAndTheGoals() {
    GuestWrites g = new GuestWrites("tcg", 256, 3, 4000, List.of(100.0, 110.0, 120.0), List.of(90.0, 95.0, 99.0));
    List<String> lines = SnapshotBenchReport.lines(result(g, 64 * MIB + MIB / 4));
    String text = String.join("\n", lines);
    assertTrue(text.contains("CreateSnapshot  1 GiB    disk  median     40.0 ms"), text);
    assertTrue(text.contains("CreateSnapshot  1 TiB    disk  median     60.0 ms"), text);
    assertTrue(text.contains("ratio CreateSnapshot 1 TiB/1 GiB 1.50 (medians; goal <= 1.50, met; minima 1.47)"), text);
    assertTrue(text.contains("snapshot layer/written 1.004 (goal <= 1.066, met)"), text);
    assertTrue(text.contains("ratio full copy/snapshot 10.0 (1 GiB), 11.7 (1 TiB)"), text);
    // per round: 90/100, 95/110, 99/120
    assertTrue(text.contains("guest write history/fresh 0.86 (median of rounds; goal >= 0.80, met)"), text);
    assertTrue(text.contains("history/fresh per round: 0.90, 0.86, 0.83"), text);
    assertTrue(text.contains("TCG, 256 MiB direct sequential, 3 x per disk: fresh disk 110.0 MiB/s, 32-snapshot disk"
        + " 95.0 MiB/s"), text);
  }

  @Test
  void aMissedGoalSaysSo() {
    String text = String.join("\n", SnapshotBenchReport.lines(result(null, 70 * MIB)));
    assertTrue(text.contains("snapshot layer/written 1.094 (goal <= 1.066, MISSED)"), text);
    assertTrue(text.contains("guest write     skipped"), text);
    assertTrue(text.contains("guest write history/fresh skipped"), text);
  }

  @Test
  void jsonHasEverySampleAndVerdict() {
    GuestWrites g = new GuestWrites("kvm", 256, 3, 4000, List.of(100.0), List.of(70.0));
    JsonNode j = SnapshotBenchReport.json(result(g, 64 * MIB));
    assertEquals(2, j.path("disks").size());
    assertEquals(1024, j.path("disks").get(1).path("sizeGiB").asInt());
    assertEquals(60.0, j.path("disks").get(1).path("createSnapshotMs").path("median").asDouble());
    assertEquals(3, j.path("disks").get(0).path("fullCopyMs").path("samples").size());
    assertEquals(1.5, j.path("createSnapshotRatio").path("value").asDouble(), 1e-9);
    assertTrue(j.path("createSnapshotRatio").path("met").asBoolean());
    assertEquals(44.0 / 30.0, j.path("createSnapshotRatio").path("ofMinima").asDouble(), 1e-9);
    assertTrue(j.path("snapshotLayer").path("met").asBoolean());
    assertEquals(32, j.path("history").path("snapshots").asInt());
    assertFalse(j.path("guestWrite").path("ratio").path("met").asBoolean());
    assertTrue(SnapshotBenchReport.json(result(null, 64 * MIB)).path("guestWrite").isNull());
  }
}
