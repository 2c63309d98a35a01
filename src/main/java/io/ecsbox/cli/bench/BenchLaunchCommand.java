package io.ecsbox.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.bench.EcsboxLaunch;
import io.ecsbox.bench.LaunchResult;
import io.ecsbox.bench.LaunchRounds;
import io.ecsbox.client.Json;
import io.ecsbox.bench.PlainLibvirtLaunch;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import io.ecsbox.compute.type.InstanceType;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.Settings;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import io.ecsbox.host.qemuimg.QemuImg;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecsbox bench launch}: boots N of the smallest instances through the daemon, then the
 * same N with plain libvirt (same domain XML, overlays and config drives), and prints both
 * side by side with their ratio; with {@code --rounds R}, R such pairs interleaved (the plain
 * run first in every other round) and the median and spread of the ratios. Run it as root on
 * the daemon's host.
 */
@Command(name = "launch", mixinStandardHelpOptions = true,
    description = {"Time launching N instances to their READY line through ecsbox, then the same N",
        "with plain libvirt (no ecsbox), and print both and the ratio ecsbox/plain;",
        "--rounds R repeats the pair R times, interleaved, and prints each round's ratio",
        "and their median, min and max (-o json: all figures as JSON).",
        "Run as root on the daemon's host; everything launched is deleted at the end.",
        "READY: the guest's ECSBOX-READY line or cloud-init's \"Cloud-init v. ... finished at\" line,",
        "as for instance run --wait."})
public final class BenchLaunchCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--count", defaultValue = "10", description = "Instances to launch (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--image", defaultValue = "ecsbox-tiny-x64", description = "Image (default ${DEFAULT-VALUE}).")
  String image;

  @Option(names = "--type", description = "Instance type (default: the smallest one).")
  String type;

  @Option(names = "--timeout", defaultValue = "900", description = "Seconds to wait for READY (default ${DEFAULT-VALUE}).")
  int timeout;

  @Option(names = "--data-dir", description = "The daemon's data dir (default $ECSBOX_DATA_DIR or /var/lib/ecsbox).")
  Path dataDir;

  @Option(names = "--workers", defaultValue = "8",
      description = "Parallel starts for the plain run; match the daemon's ECSBOX_WORKERS (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--skip-plain", description = "Only the ecsbox run.")
  boolean skipPlain;

  @Option(names = "--rounds", defaultValue = "1",
      description = "Pairs of runs (ecsbox and plain), interleaved (default ${DEFAULT-VALUE}).")
  int rounds;

  public BenchLaunchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (count < 1 || rounds < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--count and --rounds must be at least 1");
    }
    PrintWriter out = ctx.out();
    Path dir = dataDir != null ? dataDir
        : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR", Settings.DEFAULT_DATA_DIR.toString()));
    InstanceType t = type == null ? InstanceTypeCatalog.builtIn().smallest() : InstanceTypeCatalog.builtIn().require(type);
    PrintWriter log = ctx.json() ? ctx.err() : out; // with -o json only the JSON is on stdout
    log.printf("bench launch: %d x %s (%d vCPU, %d MiB) from %s%s%n", count, t.id(), t.vcpus(), t.memoryMiB(), image,
        rounds > 1 ? ", " + rounds + " rounds" : "");
    log.flush();
    LaunchRounds done = new LaunchRounds();
    for (int round = 1; round <= rounds; round++) {
      boolean plainFirst = !skipPlain && LaunchRounds.plainFirst(round);
      LaunchResult plain = plainFirst ? plain(dir, t, log) : null;
      LaunchResult ecs = new EcsboxLaunch(this::call, dir).run(count, image, t.id(), timeout);
      log.println(ecs.describe());
      log.flush();
      if (!ecs.failures().isEmpty()) { // the host could not start some: the run measured nothing comparable
        ecs.failures().forEach((id, why) -> ctx.err().println("Error: " + id + ": " + why));
        ctx.err().flush();
        return io.ecsbox.cli.common.ExitCodes.API_ERROR;
      }
      if (skipPlain) {
        continue;
      }
      if (!plainFirst) {
        plain = plain(dir, t, log);
      }
      LaunchRounds.Pair pair = new LaunchRounds.Pair(round, plainFirst, ecs, plain);
      done.add(pair);
      if (Double.isNaN(ecs.allReady()) || Double.isNaN(plain.allReady())) {
        break; // a run timed out: later rounds would not be comparable either
      }
    }
    if (ctx.json()) {
      out.print(Json.pretty(done.json()));
    } else if (!skipPlain) {
      done.lines().forEach(out::println);
    }
    out.flush();
    boolean timedOut = done.pairs().stream()
        .anyMatch(p -> Double.isNaN(p.ecsbox().allReady()) || Double.isNaN(p.plain().allReady()));
    return timedOut ? 4 : 0;
  }

  /**
   * One plain-libvirt run of the same N guests, in {@code DATA_DIR-bench-plain}: beside the data
   * dir, not in it, or the daemon removes them as domains of its own left by a crash.
   */
  private LaunchResult plain(Path dir, InstanceType t, PrintWriter log) throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("images/system/" + image + ".json").toFile());
    Path imageFile = dir.resolve("images/system").resolve(manifest.path("File").asText());
    Path plainDir = dir.toAbsolutePath().resolveSibling(dir.toAbsolutePath().getFileName() + "-bench-plain");
    Files.createDirectories(plainDir);
    Files.setPosixFilePermissions(plainDir, PosixFilePermissions.fromString("rwx--x--x"));
    CommandRunner runner = new CommandRunner();
    LaunchResult plain;
    try (LibvirtHypervisor hv = new LibvirtHypervisor(Settings.DEFAULT_LIBVIRT_URI,
        io.ecsbox.host.libvirt.Accel.decide(Settings.DEFAULT_LIBVIRT_URI))) {
      plain = new PlainLibvirtLaunch(hv, new QemuImg(runner), new IsoConfigDrives(runner), plainDir, workers, io.ecsbox.host.DataDirCheck.qemuUser(Settings.DEFAULT_LIBVIRT_URI)
          .map(io.ecsbox.host.DataDirCheck.QemuUser::name))
          .run(count, imageFile, 20L << 30, t.vcpus(), t.memoryMiB(), t.id(), timeout);
    } finally {
      Files.deleteIfExists(plainDir.resolve("instances"));
      Files.deleteIfExists(plainDir);
    }
    log.println(plain.describe());
    log.flush();
    return plain;
  }

  private JsonNode call(String action, Map<String, String> p) {
    Params params = new Params();
    p.forEach(params::put);
    return ctx.call(action, params);
  }
}
