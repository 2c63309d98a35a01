package io.ecsbox.storage;

import io.ecsbox.agent.IoTune;
import io.ecsbox.common.ServiceException;
import java.util.List;

/**
 * The IOPS and throughput ECS promises for a disk category, performance level and size
 * (ecs-api.md §6.2), and the size rules of each category. Pure: no host, no state.
 *
 * <p>Throughput is in decimal MB/s (10^6 bytes), as ECS and storage vendors count it; the
 * formulas' fractions are rounded down, as DescribeDisks reports whole MB/s. The legacy
 * {@code cloud} basic disk has no formula ("a few hundred" IOPS, 30–40 MB/s): we take 300
 * IOPS and 30 MB/s. ESSD AutoPL ({@code cloud_auto}) gets its baseline, without bursting.
 */
public record DiskPerformance(int iops, int throughputMBps) {
  public static final long BYTES_PER_MB = 1_000_000L;
  public static final List<String> CATEGORIES =
      List.of("cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry");
  public static final List<String> LEVELS = List.of("PL0", "PL1", "PL2", "PL3");
  public static final String DEFAULT_LEVEL = "PL1";
  public static final int SYSTEM_MIN_GIB = 20;
  public static final int SYSTEM_MAX_GIB = 500;
  /** The 2021 ceiling for data disks; newer ESSD documentation allows 65536. */
  public static final int DATA_MAX_GIB = 32768;

  public DiskPerformance {
    if (iops <= 0 || throughputMBps <= 0) {
      throw new IllegalArgumentException(
          "performance must be positive: " + iops + " IOPS, " + throughputMBps + " MB/s");
    }
  }

  /**
   * The performance of a disk. The level counts only for {@code cloud_essd} (empty means PL1)
   * and is ignored otherwise, so stored rows always have a value; {@link #validate} is strict.
   *
   * @throws ServiceException {@link DiskError#CATEGORY_UNSUPPORTED} or {@link DiskError#PERFORMANCE_LEVEL_MALFORMED}
   */
  public static DiskPerformance of(String category, String performanceLevel, int sizeGiB) {
    long s = Math.max(0, sizeGiB);
    return switch (checkedCategory(category, false)) {
      case "cloud" -> new DiskPerformance(300, 30);
      case "cloud_efficiency" -> perf(Math.min(1800 + 8 * s, 5000), Math.min(100 + 15 * s / 100, 140));
      case "cloud_ssd" -> perf(Math.min(1800 + 30 * s, 25000), Math.min(120 + s / 2, 300));
      case "cloud_essd" -> switch (level(category, performanceLevel)) {
        case "PL0" -> perf(Math.min(1800 + 12 * s, 10000), Math.min(100 + s / 4, 180));
        case "PL1" -> perf(Math.min(1800 + 50 * s, 50000), Math.min(120 + s / 2, 350));
        case "PL2" -> perf(Math.min(1800 + 50 * s, 100000), Math.min(120 + s / 2, 750));
        default -> perf(Math.min(1800 + 50 * s, 1000000), Math.min(120 + s / 2, 4000));
      };
      case "cloud_auto" -> perf(Math.max(Math.min(1800 + 50 * s, 50000), 3000),
          Math.max(Math.min(120 + s / 2, 350), 125));
      default -> perf(Math.min(1800 + 8 * s, 6000), Math.min(100 + 15 * s / 100, 150)); // cloud_essd_entry
    };
  }

  /** QEMU limits: total IOPS, and total bytes/s = MB/s × 1,000,000. */
  public IoTune toIoTune() {
    return new IoTune(iops, throughputMBps * BYTES_PER_MB);
  }

  /**
   * The performance level to store: {@code PL1} when a {@code cloud_essd} disk names none,
   * empty for the other categories (which have no level).
   */
  public static String level(String category, String performanceLevel) {
    if (!"cloud_essd".equals(category)) {
      return "";
    }
    if (performanceLevel == null || performanceLevel.isEmpty()) {
      return DEFAULT_LEVEL;
    }
    if (!LEVELS.contains(performanceLevel)) {
      throw new ServiceException(DiskError.PERFORMANCE_LEVEL_MALFORMED,
          "The specified parameter PerformanceLevel is not valid: use PL0, PL1, PL2 or PL3, got "
              + performanceLevel + ".");
    }
    return performanceLevel;
  }

  /**
   * Checks a new disk against the ECS rules: a known category; a PerformanceLevel only for
   * {@code cloud_essd}; system disks 20–500 GiB; data disks in their category's range
   * (cloud 5–2000, cloud_auto 1–32768, cloud_essd_entry 10–32768, others 20–32768); PL0 at
   * least 40 GiB, PL2 at least 461, PL3 at least 1261. Returns the level to store.
   *
   * @throws ServiceException {@link DiskError}: SYSTEM_CATEGORY_UNSUPPORTED / CATEGORY_UNSUPPORTED,
   *     PERFORMANCE_LEVEL_MALFORMED, LEVEL_SIZE_MISMATCH, PL0_SIZE_TOO_SMALL,
   *     SYSTEM_SIZE_UNSUPPORTED / SIZE_UNSUPPORTED
   */
  public static String validate(String category, String performanceLevel, int sizeGiB, boolean isSystem) {
    checkedCategory(category, isSystem);
    boolean hasLevel = performanceLevel != null && !performanceLevel.isEmpty();
    if (hasLevel && !"cloud_essd".equals(category)) {
      throw new ServiceException(DiskError.PERFORMANCE_LEVEL_MALFORMED,
          "The specified parameter PerformanceLevel is not valid: only cloud_essd disks have a performance level ("
              + category + " given).");
    }
    String level = level(category, performanceLevel);
    int levelMin = switch (level) {
      case "PL0" -> 40;
      case "PL2" -> 461;
      case "PL3" -> 1261;
      default -> 0;
    };
    int min = isSystem ? SYSTEM_MIN_GIB : dataMin(category);
    int max = isSystem ? SYSTEM_MAX_GIB : "cloud".equals(category) ? 2000 : DATA_MAX_GIB;
    String kind = isSystem ? "system" : "data";
    if (levelMin > 0 && (sizeGiB < levelMin || levelMin > max)) {
      if ("PL0".equals(level)) {
        throw new ServiceException(DiskError.PL0_SIZE_TOO_SMALL,
            "Specified disk size is too small when choose PL0 of cloud_essd: at least 40 GiB, got " + sizeGiB + ".");
      }
      throw new ServiceException(DiskError.LEVEL_SIZE_MISMATCH,
          "The specified PerformanceLevel and Size do not match: cloud_essd " + level + " needs at least "
              + levelMin + " GiB" + (levelMin > max ? ", more than a " + kind + " disk may have (" + max + ")" : "")
              + ", got " + sizeGiB + ".");
    }
    if (sizeGiB < Math.max(min, levelMin) || sizeGiB > max) {
      throw new ServiceException(isSystem ? DiskError.SYSTEM_SIZE_UNSUPPORTED : DiskError.SIZE_UNSUPPORTED,
          "The specified " + kind + " disk size " + sizeGiB + " GiB is beyond the permitted range "
              + Math.max(min, levelMin) + "-" + max + " GiB for " + category + ".");
    }
    return level;
  }

  private static int dataMin(String category) {
    return switch (category) {
      case "cloud" -> 5;
      case "cloud_auto" -> 1;
      case "cloud_essd_entry" -> 10;
      default -> 20;
    };
  }

  private static String checkedCategory(String category, boolean isSystem) {
    if (category == null || !CATEGORIES.contains(category)) {
      throw new ServiceException(isSystem ? DiskError.SYSTEM_CATEGORY_UNSUPPORTED : DiskError.CATEGORY_UNSUPPORTED,
          "The specified disk category " + category + " is not valid: use one of "
              + String.join(", ", CATEGORIES) + ".");
    }
    return category;
  }

  private static DiskPerformance perf(long iops, long mbps) {
    return new DiskPerformance((int) iops, (int) mbps);
  }
}
