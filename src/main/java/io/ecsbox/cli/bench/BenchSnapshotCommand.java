package io.ecsbox.cli.bench;

import io.ecsbox.bench.BenchTicker;
import io.ecsbox.bench.GuestWriteBench;
import io.ecsbox.bench.PrivateDaemon;
import io.ecsbox.bench.SnapshotBenchReport;
import io.ecsbox.bench.SnapshotBenchResult;
import io.ecsbox.bench.SnapshotBenchResult.GuestWrites;
import io.ecsbox.bench.SnapshotBenchResult.History;
import io.ecsbox.bench.SnapshotBenchResult.SizeRun;
import io.ecsbox.bench.SnapshotBenchSettings;
import io.ecsbox.bench.SnapshotTiming;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.client.Json;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.host.libvirt.Accel;
import io.ecsbox.config.Settings;
import io.ecsbox.host.exec.CommandRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecsbox bench snapshot}: the storage benchmarks side by side in one run, against a
 * private in-process daemon (own data dir and store, the real services behind the ECS API):
 * CreateSnapshot time on a 1 GiB and a 1 TiB thin disk, the frozen layer's size against the
 * data written, a full copy of the same chain, and guest write throughput on a disk with a
 * snapshot history against a fresh one. Run it as root; it leaves nothing behind.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = {"Measure snapshots against a private in-process daemon: CreateSnapshot time",
        "on a 1 GiB and a 1 TiB thin disk (same data written), the snapshot layer's",
        "size against the data written, a full copy (qemu-img convert) of the same",
        "chain, and guest write throughput on a disk with a snapshot history against",
        "a fresh disk. Prints the figures and their ratios against the goals.",
        "Run as root with libvirtd running; everything it makes is removed at the end,",
        "Ctrl-C included."})
public final class BenchSnapshotCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Option(names = "--repeat", paramLabel = "N", description = "CreateSnapshot repetitions per disk size (default 5).")
  Integer repeat;

  @Option(names = "--write-mib", paramLabel = "W", description = "MiB written before each snapshot (default 64).")
  Integer writeMiB;

  @Option(names = "--history", paramLabel = "K", description = "Snapshots in the history disk (default 32).")
  Integer history;

  @Option(names = "--guest-mib", paramLabel = "MIB", description = "MiB per guest write (default 256).")
  Integer guestMiB;

  @Option(names = "--guest-rounds", paramLabel = "R", description = "Guest writes per disk (default 5).")
  Integer guestRounds;

  @Option(names = "--skip-guest", description = "No guest: leave out the write throughput part.")
  boolean skipGuest;

  @Option(names = "--quick", description = "Smoke run: 1 repetition, 8 MiB, a 4-snapshot history, no guest.")
  boolean quick;

  @Option(names = "--image", defaultValue = "ecsbox-tiny-x64", description = "Guest image (default ${DEFAULT-VALUE}).")
  String image;

  @Option(names = "--image-dir", paramLabel = "DIR",
      description = "Where the image's manifest and file are (default $ECSBOX_DATA_DIR/images/system).")
  Path imageDir;

  @Option(names = "--type", description = "Guest instance type (default: the smallest one).")
  String type;

  @Option(names = "--timeout", defaultValue = "900", description = "Seconds for the guest's writes (default ${DEFAULT-VALUE}).")
  int timeout;

  @Option(names = "--root", paramLabel = "DIR", description = "Parent of the private data dir (default /var/lib/ecsbox-bench).")
  Path root = Path.of(PrivateDaemon.DEFAULT_ROOT_TEXT); // a constant: PrivateDaemon loads only when a bench runs

  public BenchSnapshotCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    SnapshotBenchSettings s;
    try {
      s = SnapshotBenchSettings.of(quick, repeat, writeMiB, history, skipGuest, guestMiB, guestRounds);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrivateDaemon.quietLogs(ctx.env());
    InstanceType t = type == null ? InstanceTypeCatalog.builtIn().smallest() : InstanceTypeCatalog.builtIn().require(type);
    boolean kvm = s.guest() && Accel.decide(Settings.DEFAULT_LIBVIRT_URI);
    Path images = imageDir != null ? imageDir : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR",
        Settings.DEFAULT_DATA_DIR.toString())).resolve("images/system");
    PrintWriter out = ctx.out();
    PrintWriter err = ctx.err();
    if (!ctx.json()) {
      out.printf("bench snapshot: %d x CreateSnapshot on %s and %s thin disks, %d MiB written before each; %d-snapshot"
          + " history; %s%n", s.repetitions(), SnapshotBenchReport.size(SnapshotBenchSettings.SMALL_GIB),
          SnapshotBenchReport.size(SnapshotBenchSettings.LARGE_GIB), s.writeMiB(), s.historySnapshots(),
          s.guest() ? "guest " + t.id() + " from " + image + " under " + (kvm ? "KVM" : "TCG") : "no guest");
      out.flush();
    }
    SnapshotBenchResult result;
    try (PrivateDaemon d = PrivateDaemon.start(root, images, s.guest() ? image : null)) {
      progress(err, "private daemon on 127.0.0.1:%d, data in %s", d.port(), d.dir());
      SnapshotTiming timing = new SnapshotTiming(d::call, d.probe(new CommandRunner()), BenchTicker.SYSTEM);
      Path copies = Files.createDirectories(d.dir().resolve("copies"));
      List<SizeRun> runs = timing.measure(List.of(SnapshotBenchSettings.SMALL_GIB, SnapshotBenchSettings.LARGE_GIB),
          s.repetitions(), s.writeMiB(), copies);
      progress(err, "%d snapshots on each disk size done", s.repetitions());
      String fresh = timing.createDisk(GuestWriteBench.SIZE_GIB, GuestWriteBench.CATEGORY, GuestWriteBench.LEVEL,
          "bench-fresh");
      String old = timing.createDisk(GuestWriteBench.SIZE_GIB, GuestWriteBench.CATEGORY, GuestWriteBench.LEVEL,
          "bench-history");
      History h = timing.history(old, s.historySnapshots(), s.historyChunkMiB());
      progress(err, "history of %d snapshots built", s.historySnapshots());
      GuestWrites g = null;
      if (s.guest()) {
        progress(err, "booting the guest (%s) for %d x %d MiB writes per disk", kvm ? "KVM" : "TCG", s.guestRounds(),
            s.guestMiB());
        g = new GuestWriteBench(d::call, BenchTicker.SYSTEM, d::track)
            .run(fresh, old, image, t.id(), s.guestMiB(), s.guestRounds(), kvm, timeout);
      }
      result = new SnapshotBenchResult(s, runs.get(0), runs.get(1), h, g);
    }
    if (ctx.json()) {
      out.print(Json.pretty(SnapshotBenchReport.json(result)));
    } else {
      SnapshotBenchReport.lines(result).forEach(out::println);
    }
    out.flush();
    return 0;
  }

  private static void progress(PrintWriter err, String format, Object... args) {
    err.printf("bench snapshot: " + format + "%n", args);
    err.flush();
  }
}
