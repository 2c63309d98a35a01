package io.ecsbox.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.bench.EcsboxLaunch;
import io.ecsbox.bench.LaunchResult;
import io.ecsbox.bench.PlainLibvirtLaunch;
import io.ecsbox.bench.Stats;
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
 * side by side with their ratio. Run it as root on the daemon's host.
 */
@Command(name = "launch", mixinStandardHelpOptions = true,
    description = {"Time launching N instances to their READY line through ecsbox, then the same N",
        "with plain libvirt (no ecsbox), and print both and the ratio ecsbox/plain.",
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

  public BenchLaunchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = ctx.out();
    Path dir = dataDir != null ? dataDir
        : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR", Settings.DEFAULT_DATA_DIR.toString()));
    InstanceType t = type == null ? InstanceTypeCatalog.builtIn().smallest() : InstanceTypeCatalog.builtIn().require(type);
    out.printf("bench launch: %d x %s (%d vCPU, %d MiB) from %s%n", count, t.id(), t.vcpus(), t.memoryMiB(), image);
    out.flush();
    LaunchResult ecs = new EcsboxLaunch(this::call, dir).run(count, image, t.id(), timeout);
    out.println(ecs.describe());
    out.flush();
    if (!ecs.failures().isEmpty()) { // the host could not start some: the run measured nothing comparable
      ecs.failures().forEach((id, why) -> ctx.err().println("Error: " + id + ": " + why));
      ctx.err().flush();
      return io.ecsbox.cli.common.ExitCodes.API_ERROR;
    }
    if (skipPlain) {
      return 0;
    }
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("images/system/" + image + ".json").toFile());
    Path imageFile = dir.resolve("images/system").resolve(manifest.path("File").asText());
    Path plainDir = dir.resolve("bench-plain");
    Files.createDirectories(plainDir);
    Files.setPosixFilePermissions(plainDir, PosixFilePermissions.fromString("rwx--x--x"));
    CommandRunner runner = new CommandRunner();
    LaunchResult plain;
    try (LibvirtHypervisor hv = new LibvirtHypervisor(Settings.DEFAULT_LIBVIRT_URI,
        io.ecsbox.host.libvirt.Accel.decide(Settings.DEFAULT_LIBVIRT_URI))) {
      plain = new PlainLibvirtLaunch(hv, new QemuImg(runner), new IsoConfigDrives(runner), plainDir, workers)
          .run(count, imageFile, 20L << 30, t.vcpus(), t.memoryMiB(), t.id(), timeout);
    } finally {
      Files.deleteIfExists(plainDir.resolve("instances"));
      Files.deleteIfExists(plainDir);
    }
    out.println(plain.describe());
    out.printf("ratio ecsbox/plain: all READY %.2f, READY p50 %.2f, release %.2f%n",
        ecs.allReady() / plain.allReady(),
        Stats.of(ecs.ready().values()).p50() / Stats.of(plain.ready().values()).p50(),
        ecs.release() / plain.release());
    return Double.isNaN(ecs.allReady()) || Double.isNaN(plain.allReady()) ? 4 : 0;
  }

  private JsonNode call(String action, Map<String, String> p) {
    Params params = new Params();
    p.forEach(params::put);
    return ctx.call(action, params);
  }
}
