package io.ecsbox.cli.config;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.config.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecsbox config template}: a config file with every setting, commented out at its default. */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = "Print a config file listing every setting with what it does, what it accepts and its default,"
        + " all commented out (set-up writes it to /etc/ecsbox/ecsbox.conf when that file is missing).")
public final class ConfigTemplateCommand implements Callable<Integer> {
  private final CliContext ctx;

  public ConfigTemplateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.out().print(Settings.configTemplate());
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
