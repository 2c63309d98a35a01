package io.ecsbox.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.bench.DensityBench;
import io.ecsbox.bench.DensityReport;
import io.ecsbox.bench.DensityResult;
import io.ecsbox.bench.DensityRuns;
import io.ecsbox.bench.HostMeter;
import io.ecsbox.bench.PrivateDaemon;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.client.Json;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecsbox bench density}: how many tiny guests this host runs at once through ecsbox,
 * then the same waves through plain libvirt from the same domain XML, side by side. Runs a
 * private in-process daemon (own data dir and store); leaves nothing behind.
 */
@Command(name = "density", mixinStandardHelpOptions = true,
    description = "Launch tiny guests in waves through a private ecsbox daemon until --count or until"
        + " the host admits no more (--until-full), then the same number through plain libvirt"
        + " from the same domain XML, and print side by side: guests READY, failures, host"
        + " memory used, RSS and PSS per guest, what KSM saved, each idle guest's CPU, seconds to"
        + " READY per wave, the limit that bound first, and the density ratio ecsbox/plain"
        + " (guests per GiB used). Run as root with libvirtd running; everything it makes is"
        + " removed at the end, Ctrl-C included. Under TCG a wave of 10 takes about a minute;"
        + " --until-full on a big host takes long.")
public final class BenchDensityCommand implements Callable<Integer> {
  private final CliContext ctx;

  static final class Amount {
    @Option(names = "--count", paramLabel = "N", description = "Launch N guests (default 10).")
    Integer count;

    @Option(names = "--until-full", description = "Launch until the daemon answers OperationDenied.NoStock.")
    boolean untilFull;
  }

  @ArgGroup(exclusive = true)
  Amount amount = new Amount();

  @Option(names = "--wave", paramLabel = "N", defaultValue = "10",
      description = "Guests per wave (default ${DEFAULT-VALUE}).")
  int wave;

  @Option(names = "--memory-overcommit", paramLabel = "X", defaultValue = "1",
      description = "The daemon's ECSBOX_MEMORY_OVERCOMMIT (default ${DEFAULT-VALUE}: no overcommit; tiny"
          + " guests of 512 MiB take far less, so a lab host runs more with e.g. 8, and the daemon"
          + " then admits while the host has memory available).")
  double memoryOvercommit;

  @Option(names = "--cpu-overcommit", paramLabel = "X",
      description = "The daemon's ECSBOX_CPU_OVERCOMMIT (default: the daemon's, 64 vCPUs per core; idle tiny"
          + " guests on a small host need more, e.g. 128 for 200 guests on 2 cores).")
  Double cpuOvercommit;

  @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "30",
      description = "Wait after the last wave before measuring, so KSM can merge (default ${DEFAULT-VALUE}).")
  int settleSeconds;

  @Option(names = "--wave-timeout", paramLabel = "SECONDS", defaultValue = "900",
      description = "How long one wave may take to be READY (default ${DEFAULT-VALUE}).")
  int waveTimeout;

  @Option(names = "--image", defaultValue = "ecsbox-tiny-x64", description = "Image (default ${DEFAULT-VALUE}).")
  String image;

  @Option(names = "--type", description = "Instance type (default: the smallest one).")
  String type;

  @Option(names = "--workers", defaultValue = "8",
      description = "Parallel starts for the plain run, as the daemon's ECSBOX_WORKERS (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--skip-plain", description = "Only the ecsbox run.")
  boolean skipPlain;

  @Option(names = "--image-dir", paramLabel = "DIR",
      description = "Where the image is (default: the data dir's images/system).")
  Path imageDir;

  @Option(names = "--root", paramLabel = "DIR", description = "Parent of the private data dir (default /var/lib/ecsbox-bench).")
  Path root = Path.of(PrivateDaemon.DEFAULT_ROOT_TEXT); // a constant: PrivateDaemon loads only when a bench runs

  public BenchDensityCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    PrivateDaemon.quietLogs(ctx.env());
    InstanceType t = type == null ? InstanceTypeCatalog.builtIn().smallest() : InstanceTypeCatalog.builtIn().require(type);
    int target = amount.untilFull ? Integer.MAX_VALUE : amount.count == null ? 10 : amount.count;
    if (target < 1 || wave < 1 || memoryOvercommit <= 0 || (cpuOvercommit != null && cpuOvercommit <= 0)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--count and --wave must be at least 1, --memory-overcommit and --cpu-overcommit above 0");
    }
    Path images = imageDir != null ? imageDir : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR",
        Settings.DEFAULT_DATA_DIR.toString())).resolve("images/system");
    PrintWriter out = ctx.out();
    PrintWriter err = ctx.err();
    HostMeter meter = HostMeter.local();
    if (!ctx.json()) {
      out.printf("bench density: %s x %s (%d vCPU, %d MiB) from %s, waves of %d, memory overcommit %s,"
          + " CPU overcommit %s; host %d MiB%n", amount.untilFull ? "until full" : String.valueOf(target), t.id(),
          t.vcpus(), t.memoryMiB(), image, wave, memoryOvercommit, cpuOvercommit == null ? ctx.env().getOrDefault("ECSBOX_CPU_OVERCOMMIT", "64") : cpuOvercommit,
          meter.memTotalMiB());
      out.flush();
    }
    DensityBench bench = new DensityBench(meter, line -> {
      err.println("bench density: " + line);
      err.flush();
    }, Thread::sleep);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("ECSBOX_MEMORY_OVERCOMMIT", String.valueOf(memoryOvercommit));
    if (cpuOvercommit != null) {
      settings.put("ECSBOX_CPU_OVERCOMMIT", String.valueOf(cpuOvercommit));
    }
    settings.put("ECSBOX_WORKERS", String.valueOf(workers));
    DensityRuns runs = new DensityRuns(bench, Duration.ofSeconds(waveTimeout), Duration.ofSeconds(settleSeconds));
    DensityResult ecs = runs.ecsbox(root, images, image, t.id(), settings, target, wave);
    DensityResult plain = null;
    if (!skipPlain) {
      JsonNode manifest = new ObjectMapper().readTree(images.resolve(image + ".json").toFile());
      Path file = images.resolve(manifest.path("File").asText());
      plain = runs.plain(root, file, t.vcpus(), t.memoryMiB(), t.id(), workers,
          ecs.guestsReady() + ecs.failures().size(), wave);
    }
    if (ctx.json()) {
      out.print(Json.pretty(DensityReport.json(ecs, plain)));
    } else {
      DensityReport.lines(ecs, plain).forEach(out::println);
    }
    out.flush();
    return ecs.failures().isEmpty() && (plain == null || plain.failures().isEmpty()) ? 0 : 1;
  }
}
