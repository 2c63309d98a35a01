package io.ecsbox.cli.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Table;
import io.ecsbox.config.ConfigException;
import io.ecsbox.config.ConfigFile;
import io.ecsbox.config.DaemonConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ecsbox config show}: the daemon's effective settings and where each comes from. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print the configuration 'ecsbox daemon' would run with, given this shell's environment,"
          + " the config file and the options below: each setting's value and its source (a flag,"
          + " the environment, FILE:LINE of the config file, or the default). Secrets are masked.",
      "Precedence: flags > environment > config file > defaults. Under systemd the unit's"
          + " environment applies, not this shell's. Exit code 2 when a setting is not valid."
    })
public final class ConfigShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin DaemonFlags flags;

  @Spec CommandSpec spec;

  public ConfigShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<DaemonConfig.Shown> shown;
    try {
      shown = DaemonConfig.show(ctx.env(), flags.flags(), flags.file());
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid configuration:\n" + e.getMessage());
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("ConfigFile", flags.file().path() == null ? null : flags.file().path().toString());
    ArrayNode settings = json.putArray("Settings");
    for (DaemonConfig.Shown s : shown) {
      settings.addObject().put("Name", s.setting().env()).put("Flag", s.setting().flag()).put("Value", s.value())
          .put("Source", s.source());
    }
    ctx.print(json, () -> {
      Table t = new Table("SETTING", "VALUE", "SOURCE");
      shown.forEach(s -> t.row(s.setting().env(), s.value(), s.source()));
      return t;
    });
    if (!ctx.json()) {
      Path file = flags.file().path();
      // an explicit --config must exist, so no file means the default one is missing
      ctx.err().println(file == null ? "(no config file: " + ConfigFile.DEFAULT + " does not exist)"
          : "(config file: " + file + ")");
      ctx.err().flush();
    }
    return ExitCodes.OK;
  }
}
