package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ecsbox instance create}: CreateInstance, one instance, left Stopped. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create one instance without starting it (CreateInstance); it stays Stopped until"
          + " 'ecsbox instance start ID'. Prints the new instance id."
    })
public final class InstanceCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Mixin LaunchOptions launch;

  public InstanceCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("CreateInstance", launch.toParams(spec.commandLine()));
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      ctx.out().println(Json.text(r, "InstanceId"));
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
