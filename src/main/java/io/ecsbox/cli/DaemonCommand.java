package io.ecsbox.cli;

import io.ecsbox.daemon.Daemon;
import io.ecsbox.daemon.DaemonOptions;
import java.nio.file.Path;
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
      "Needs libvirtd (see 'ecsbox doctor')."
    })
public final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where state, images, disks and logs live (default: ${DEFAULT-VALUE}).")
  Path dataDir = DaemonOptions.DEFAULT_DATA_DIR;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Address the API listens on (default: ${DEFAULT-VALUE}).")
  String listen = DaemonOptions.DEFAULT_LISTEN;

  @Option(
      names = "--libvirt-uri",
      paramLabel = "URI",
      description = "libvirt connection to use (default: ${DEFAULT-VALUE}).")
  String libvirtUri = DaemonOptions.DEFAULT_LIBVIRT_URI;

  @Override
  public Integer call() {
    return Daemon.run(options(spec.commandLine()));
  }

  DaemonOptions options(CommandLine cmd) {
    HostPort hp;
    try {
      hp = HostPort.parse(listen);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, "Invalid --listen: " + e.getMessage());
    }
    return new DaemonOptions(dataDir, hp.host(), hp.port(), libvirtUri);
  }
}
