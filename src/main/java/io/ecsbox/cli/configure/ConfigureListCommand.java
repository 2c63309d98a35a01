package io.ecsbox.cli.configure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.CliConfigFile;
import io.ecsbox.client.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecsbox configure list}: the config file's profiles, the current one marked; never the secrets. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List the profiles of the CLI's config file; * marks the current one. Secrets are not shown.")
public final class ConfigureListCommand implements Callable<Integer> {
  private final CliContext ctx;

  public ConfigureListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path file = CliConfigFile.path(ctx.env(), ConfigureCommand.home(ctx.env()));
    CliConfigFile config = CliConfigFile.read(file);
    ObjectNode json = Json.object().put("File", file.toString()).put("Current", config.current());
    ArrayNode list = json.putArray("Profiles");
    Table t = new Table("PROFILE", "CURRENT", "ENDPOINT", "ACCESS KEY ID", "REGION", "CERTIFICATE SHA-256");
    config.profiles().forEach((name, p) -> {
      list.addObject().put("Name", name).put("Endpoint", p.endpoint()).put("AccessKeyId", p.accessKeyId())
          .put("RegionId", p.regionId()).put("CertificateSha256", p.certificateSha256());
      t.row(name, name.equals(config.current()) ? "*" : "", p.endpoint(), p.accessKeyId(), p.regionId(),
          p.certificateSha256() == null ? "" : p.certificateSha256());
    });
    if (config.profiles().isEmpty() && !ctx.json()) {
      ctx.err().println("No profiles in " + file + ": add one with ecsbox configure.");
    }
    ctx.print(json, () -> t);
    return ExitCodes.OK;
  }
}
