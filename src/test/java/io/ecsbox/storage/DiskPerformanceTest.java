package io.ecsbox.storage;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.agent.IoTune;
import org.junit.jupiter.api.Test;

/** The ECS formulas of ecs-api.md §6.2 with worked numbers, and the size rules. */
class DiskPerformanceTest {
  private static void perf(String category, String level, int size, int iops, int mbps) {
    assertEquals(new DiskPerformance(iops, mbps), DiskPerformance.of(category, level, size),
        category + " " + level + " " + size + " GiB");
  }

  @Test
  void ultraDisk() {
    perf("cloud_efficiency", "", 100, 2600, 115); // 1800 + 8·100; 100 + 0.15·100
    perf("cloud_efficiency", "", 21, 1968, 103); // 103.15 MB/s rounds down
    perf("cloud_efficiency", "", 500, 5000, 140); // 5800 and 175 capped
  }

  @Test
  void standardSsd() {
    perf("cloud_ssd", null, 100, 4800, 170); // 1800 + 30·100; 120 + 0.5·100
    perf("cloud_ssd", null, 1000, 25000, 300);
  }

  @Test
  void essdLevels() {
    perf("cloud_essd", "PL0", 40, 2280, 110); // 1800 + 12·40; 100 + 0.25·40
    perf("cloud_essd", "PL0", 1000, 10000, 180);
    perf("cloud_essd", "", 40, 3800, 140); // PL1 by default: 1800 + 50·40; 120 + 0.5·40
    perf("cloud_essd", "PL1", 2000, 50000, 350);
    perf("cloud_essd", "PL2", 461, 24850, 350); // 1800 + 23050; 120 + 230
    perf("cloud_essd", "PL2", 4000, 100000, 750);
    perf("cloud_essd", "PL3", 1261, 64850, 750);
    perf("cloud_essd", "PL3", 32768, 1000000, 4000);
  }

  @Test
  void autoEntryAndBasic() {
    perf("cloud_auto", "", 10, 3000, 125); // baseline floors: 2300 → 3000, 125
    perf("cloud_auto", "", 100, 6800, 170);
    perf("cloud_auto", "", 5000, 50000, 350);
    perf("cloud_essd_entry", "", 100, 2600, 115);
    perf("cloud_essd_entry", "", 1000, 6000, 150);
    perf("cloud", "", 100, 300, 30);
  }

  @Test
  void levelIsIgnoredOutsideEssdButMustBeKnownForEssd() {
    perf("cloud_ssd", "PL3", 100, 4800, 170);
    assertEquals("InvalidPerformanceLevel.Malformed",
        TestErrors.thrown(() -> DiskPerformance.of("cloud_essd", "PL9", 100)).code());
    assertEquals("InvalidDiskCategory.ValueNotSupported",
        TestErrors.thrown(() -> DiskPerformance.of("ephemeral_ssd", "", 100)).code());
  }

  @Test
  void ioTuneIsIopsAndDecimalBytes() {
    assertEquals(new IoTune(3800, 140_000_000L), DiskPerformance.of("cloud_essd", "PL1", 40).toIoTune());
    assertEquals(new IoTune(1000000, 4_000_000_000L), DiskPerformance.of("cloud_essd", "PL3", 32768).toIoTune());
  }

  private static String code(String category, String level, int size, boolean system) {
    return TestErrors.thrown(() -> DiskPerformance.validate(category, level, size, system)).code();
  }

  @Test
  void systemDisksAre20To500() {
    assertEquals("", DiskPerformance.validate("cloud_efficiency", null, 20, true));
    assertEquals("PL1", DiskPerformance.validate("cloud_essd", null, 500, true));
    assertEquals("InvalidSystemDiskSize.ValueNotSupported", code("cloud_efficiency", null, 19, true));
    assertEquals("InvalidSystemDiskSize.ValueNotSupported", code("cloud_ssd", null, 501, true));
    assertEquals("OperationDenied.PerformanceLevelNotMatch", code("cloud_essd", "PL3", 500, true));
    assertEquals("PL2", DiskPerformance.validate("cloud_essd", "PL2", 461, true));
    assertEquals("InvalidSystemDiskCategory.ValueNotSupported", code("local_ssd", null, 40, true));
  }

  @Test
  void dataDisksFollowTheirCategory() {
    assertEquals("", DiskPerformance.validate("cloud_ssd", "", 20, false));
    assertEquals("", DiskPerformance.validate("cloud_ssd", "", 32768, false));
    assertEquals("InvalidDiskSize.ValueNotSupported", code("cloud_ssd", "", 19, false));
    assertEquals("InvalidDiskSize.ValueNotSupported", code("cloud_essd", "PL1", 32769, false));
    assertEquals("", DiskPerformance.validate("cloud", null, 5, false));
    assertEquals("InvalidDiskSize.ValueNotSupported", code("cloud", null, 2001, false));
    assertEquals("", DiskPerformance.validate("cloud_essd_entry", null, 10, false));
    assertEquals("", DiskPerformance.validate("cloud_auto", null, 1, false));
    assertEquals("InvalidDiskCategory.ValueNotSupported", code("cloud_hdd", null, 100, false));
  }

  @Test
  void levelsNeedTheirMinimumSize() {
    assertEquals("InvalidDiskSize.TooSmall", code("cloud_essd", "PL0", 39, false));
    assertEquals("PL0", DiskPerformance.validate("cloud_essd", "PL0", 40, false));
    assertEquals("OperationDenied.PerformanceLevelNotMatch", code("cloud_essd", "PL2", 460, false));
    assertEquals("PL2", DiskPerformance.validate("cloud_essd", "PL2", 461, false));
    assertEquals("OperationDenied.PerformanceLevelNotMatch", code("cloud_essd", "PL3", 1260, false));
    assertEquals("PL3", DiskPerformance.validate("cloud_essd", "PL3", 1261, false));
  }

  @Test
  void onlyEssdTakesAPerformanceLevel() {
    assertEquals("InvalidPerformanceLevel.Malformed", code("cloud_ssd", "PL1", 100, false));
    assertEquals("InvalidPerformanceLevel.Malformed", code("cloud_essd", "PL4", 100, false));
    assertEquals("InvalidPerformanceLevel.Malformed", code("cloud_essd", "pl1", 100, false));
    assertEquals(400, TestErrors.thrown(
        () -> DiskPerformance.validate("cloud_ssd", "PL1", 100, false)).httpStatus());
  }
}
