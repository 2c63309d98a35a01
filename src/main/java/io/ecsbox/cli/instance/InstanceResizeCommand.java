package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox instance resize ID --type T}: ModifyInstanceSpec. */
@Command(
    name = "resize",
    mixinStandardHelpOptions = true,
    description = "Change the instance type (vCPUs and memory) of a Stopped instance"
        + " (ModifyInstanceSpec).")
public final class InstanceResizeCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ID", description = "Instance id (i-...).")
  String id;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "New instance type (see 'ecsbox type list').")
  String type;

  public InstanceResizeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("ModifyInstanceSpec",
        new Params().put("InstanceId", id).put("InstanceType", type));
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      ctx.out().println(id + ": type is now " + type);
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
