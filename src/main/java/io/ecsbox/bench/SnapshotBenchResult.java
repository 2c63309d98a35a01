package io.ecsbox.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What one {@code bench snapshot} run measured, and its ratios against the storage goals.
 *
 * @param history null when no history was built
 * @param guest null when the guest part was skipped
 */
public record SnapshotBenchResult(SnapshotBenchSettings settings, SizeRun small, SizeRun large, History history,
    GuestWrites guest) {
  static final double SNAPSHOT_RATIO_GOAL = 1.5;
  static final double GUEST_RATIO_GOAL = 0.8;

  /**
   * One disk size: per repetition, the CreateSnapshot time (call until accomplished), the full
   * copy time of the same chain, and the frozen layer's bytes on the host.
   */
  public record SizeRun(int sizeGiB, List<Double> snapshotMs, List<Double> copyMs, List<Long> layerBytes) {
    double copySpeedup() {
      return median(copyMs) / median(snapshotMs);
    }
  }

  /** The snapshots that built the history disk, each after {@code chunkMiB} MiB written. */
  public record History(int snapshots, int chunkMiB, List<Double> snapshotMs, double seconds) {}

  /**
   * The guest's direct sequential write rates in MiB/s on a fresh disk and on the history disk,
   * one of each per round, the two of a round back to back.
   *
   * @param accel {@code kvm} or {@code tcg}
   * @param limitMBps the disks' QEMU throughput limit (their category's), in MB/s
   */
  public record GuestWrites(String accel, int mib, int rounds, int limitMBps, List<Double> freshMiBps,
      List<Double> historyMiBps) {
    /** History over fresh within each round: the two writes of a round share the host's load. */
    List<Double> roundRatios() {
      List<Double> out = new ArrayList<>();
      for (int r = 0; r < Math.min(freshMiBps.size(), historyMiBps.size()); r++) {
        out.add(historyMiBps.get(r) / freshMiBps.get(r));
      }
      return out;
    }

    /** The median of the per-round ratios; goal at least 0.8. */
    double ratio() {
      return median(roundRatios());
    }
  }

  /** Median CreateSnapshot time on the large disk over the one on the small disk; goal at most 1.5. */
  double snapshotRatio() {
    return median(large.snapshotMs()) / median(small.snapshotMs());
  }

  /** The same ratio of the fastest runs: what each costs when the host is not busy elsewhere. */
  double snapshotMinRatio() {
    return min(large.snapshotMs()) / min(small.snapshotMs());
  }

  boolean snapshotRatioMet() {
    return snapshotRatio() <= SNAPSHOT_RATIO_GOAL;
  }

  List<Long> layerBytes() {
    List<Long> all = new ArrayList<>(small.layerBytes());
    all.addAll(large.layerBytes());
    return all;
  }

  long maxLayerBytes() {
    return layerBytes().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** The largest frozen layer over the bytes written before its snapshot. */
  double layerRatio() {
    return maxLayerBytes() / (double) writtenBytes();
  }

  /** The ratio the layer goal allows: 1.05 plus 1 MiB of metadata over W. */
  double layerRatioGoal() {
    return settings.layerLimitBytes() / (double) writtenBytes();
  }

  boolean layerMet() {
    return maxLayerBytes() <= settings.layerLimitBytes();
  }

  long writtenBytes() {
    return settings.writeMiB() * SnapshotTiming.MIB;
  }

  /** Median of a sample (nearest rank, as {@link Stats}); NaN when empty. */
  static double median(Collection<? extends Number> values) {
    return Stats.of(values.stream().map(Number::doubleValue).toList()).p50();
  }

  static double min(Collection<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
  }

  static double max(Collection<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
  }
}
