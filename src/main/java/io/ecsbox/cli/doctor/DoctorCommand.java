package io.ecsbox.cli.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.Json;
import io.ecsbox.config.Settings;
import io.ecsbox.host.exec.CommandRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox doctor}: checks this host can run ecsbox, and says how to fix what is not. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check that this host can run ecsbox: libvirt, KVM, qemu-img, a config-drive tool,"
          + " iptables, free disk space, system images, and whether the daemon answers.",
      "Prints one line per check (OK, WARN or FAIL) and how to fix each problem.",
      "Exits 0 when nothing FAILed, 1 otherwise. Changes nothing."
    })
public final class DoctorCommand implements Callable<Integer> {
  private final CliContext ctx;
  private final Supplier<HostProbe> probe; // made on call: its command runner starts the logging library

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "The daemon's data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of(Settings.DEFAULT_DATA_DIR_TEXT);

  @Option(
      names = "--libvirt-uri",
      paramLabel = "URI",
      description = "libvirt connection to check (default: ${DEFAULT-VALUE}).")
  String libvirtUri = Settings.DEFAULT_LIBVIRT_URI;

  public DoctorCommand(CliContext ctx) {
    this.ctx = ctx;
    this.probe = () -> new LocalHostProbe(new CommandRunner());
  }

  public DoctorCommand(CliContext ctx, HostProbe probe) {
    this.ctx = ctx;
    this.probe = () -> probe;
  }

  @Override
  public Integer call() {
    List<CheckResult> results = new HostChecks(probe.get(), ctx::api, dataDir, libvirtUri).runAll();
    if (ctx.json()) {
      ArrayNode arr = Json.MAPPER.createArrayNode();
      results.forEach(r -> arr.addObject().put("Level", r.level().name()).put("Check", r.name())
          .put("Detail", r.detail()).put("Fix", r.fix()));
      ctx.out().print(Json.pretty(arr));
    } else {
      results.forEach(r -> ctx.out().print(r.render()));
    }
    ctx.out().flush();
    boolean failed = results.stream().anyMatch(r -> r.level() == CheckResult.Level.FAIL);
    return failed ? ExitCodes.API_ERROR : ExitCodes.OK;
  }
}
