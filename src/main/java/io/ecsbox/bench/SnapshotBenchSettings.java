package io.ecsbox.bench;

/**
 * What one {@code bench snapshot} run measures, validated up front.
 *
 * @param repetitions CreateSnapshot repetitions per disk size
 * @param writeMiB MiB written into a disk before each of those snapshots
 * @param historySnapshots snapshots in the history of the guest's second disk
 * @param historyChunkMiB MiB written before each history snapshot
 * @param guest whether to boot a guest for the write throughput part
 * @param guestMiB MiB per {@code ecsbox-io write} in the guest
 * @param guestRounds writes per disk in the guest
 */
public record SnapshotBenchSettings(int repetitions, int writeMiB, int historySnapshots, int historyChunkMiB,
    boolean guest, int guestMiB, int guestRounds) {
  public static final int SMALL_GIB = 1;
  public static final int LARGE_GIB = 1024;
  /** The history's writes are spaced two chunks apart: they must fit in the guest's write range. */
  static final int HISTORY_CHUNK_MIB = 4;

  public SnapshotBenchSettings {
    check(repetitions >= 1 && repetitions <= 100, "--repeat must be 1-100, got " + repetitions);
    check(writeMiB >= 1 && writeMiB <= 512, "--write-mib must be 1-512 (it must fit the 1 GiB disk), got " + writeMiB);
    check(historySnapshots >= 0 && historySnapshots <= 60,
        "--history must be 0-60 (a disk keeps at most 64 manual snapshots), got " + historySnapshots);
    check(guestMiB >= 1 && guestMiB <= 4096, "--guest-mib must be 1-4096, got " + guestMiB);
    check(guestRounds >= 1 && guestRounds <= 20, "--guest-rounds must be 1-20, got " + guestRounds);
  }

  /**
   * The settings from the command line; null means the default, which {@code quick} makes small
   * (1 repetition, 8 MiB, a 4-snapshot history, no guest) for a smoke run of a few seconds.
   */
  public static SnapshotBenchSettings of(boolean quick, Integer repeat, Integer writeMiB, Integer history,
      boolean skipGuest, Integer guestMiB, Integer guestRounds) {
    return new SnapshotBenchSettings(
        orElse(repeat, quick ? 1 : 5),
        orElse(writeMiB, quick ? 8 : 64),
        orElse(history, quick ? 4 : 32),
        HISTORY_CHUNK_MIB,
        !quick && !skipGuest,
        orElse(guestMiB, 256),
        orElse(guestRounds, 5));
  }

  /** The frozen layer may hold the data written plus 5 % and 1 MiB of qcow2 metadata. */
  long layerLimitBytes() {
    return (long) Math.floor(1.05 * writeMiB * SnapshotTiming.MIB) + SnapshotTiming.MIB;
  }

  private static int orElse(Integer v, int dflt) {
    return v == null ? dflt : v;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
