package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskIoBenchTest {
  @Test
  void readsTheSecondsQemuImgBenchPrints() {
    String out = "Sending 20000 write requests, 4096 bytes each, 32 in parallel (starting at offset 0,"
        + " step size 69632)\nRun completed in 1.061 seconds.\n";
    assertEquals(1.061, DiskIoBench.seconds(out), 1e-9);
    assertThrows(IllegalStateException.class, () -> DiskIoBench.seconds("qemu-img: Could not open"));
  }

  @Test
  void theRatioIsTheMedianOfEachRoundsRatioNotTheRatioOfMedians() {
    DiskIoBench.Result r = new DiskIoBench.Result(1000, 32, Map.of(
        "native", Map.of("write", List.of(100.0, 200.0, 300.0)),
        "io_uring", Map.of("write", List.of(150.0, 200.0, 150.0))), Map.of("threads", "no"));
    assertEquals(200.0, r.median("native", "write"));
    assertEquals(150.0, r.median("io_uring", "write"));
    assertEquals(1.0, r.ratioToNative("io_uring", "write"), 1e-9, "rounds: 1.5, 1.0, 0.5");
    assertTrue(Double.isNaN(r.median("threads", "write")));
    assertTrue(Double.isNaN(r.ratioToNative("io_uring", "read")));
  }
}
