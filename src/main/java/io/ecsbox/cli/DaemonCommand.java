package io.ecsbox.cli;

import io.ecsbox.config.ConfigException;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.daemon.Daemon;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecsbox daemon}: runs the API server, scheduler and local agent until stopped. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Run the ecsbox daemon in the foreground: the ECS API, the scheduler and the agent"
          + " that drives libvirt on this host. Stops on SIGTERM or Ctrl-C; running guests"
          + " keep running.",
      "Needs libvirtd (see 'ecsbox doctor'). Every setting is checked at start; a bad one stops"
          + " the daemon naming it (exit code 2). Settings: README.md, section Settings."
    })
public final class DaemonCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where state, images, disks and logs live (default: ECSBOX_DATA_DIR, else /var/lib/ecsbox).")
  String dataDir;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Address the API listens on (default: ECSBOX_LISTEN, else 127.0.0.1:18080).")
  String listen;

  @Option(
      names = "--libvirt-uri",
      paramLabel = "URI",
      description = "libvirt connection to use (default: ECSBOX_LIBVIRT_URI, else qemu:///system).")
  String libvirtUri;

  @Option(
      names = "--metrics-listen",
      paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics (default: ECSBOX_METRICS_LISTEN, else off).")
  String metricsListen;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DaemonConfig config;
    try {
      config = DaemonConfig.load(System.getenv(), new DaemonConfig.Flags(dataDir, listen, libvirtUri, metricsListen));
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid configuration:\n" + e.getMessage());
    }
    return Daemon.run(config);
  }
}
