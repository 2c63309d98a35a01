package io.ecsbox.cli;

import io.ecsbox.cli.config.DaemonFlags;
import io.ecsbox.config.ConfigException;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.daemon.Daemon;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
          + " the daemon naming it (exit code 2). Settings: README.md, section Settings; flags win over"
          + " the environment, which wins over the config file; 'ecsbox config show' prints the result."
    })
public final class DaemonCommand implements Callable<Integer> {
  @Mixin DaemonFlags flags;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DaemonConfig config;
    try {
      config = DaemonConfig.load(System.getenv(), flags.flags(), flags.file());
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid configuration:\n" + e.getMessage());
    }
    return Daemon.run(config);
  }
}
