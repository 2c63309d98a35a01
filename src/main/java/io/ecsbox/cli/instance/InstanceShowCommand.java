package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.KeyValueView;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox instance show ID}: every attribute of one instance, one per line. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show all attributes of one instance (DescribeInstances).")
public final class InstanceShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ID", description = "Instance id (i-...).")
  String id;

  public InstanceShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DescribeInstances", new Params().jsonArray("InstanceIds", List.of(id)));
    List<JsonNode> found = Json.list(r, "Instances", "Instance");
    if (found.isEmpty()) {
      throw new EcsApiException(404, "InvalidInstanceId.NotFound",
          "The specified InstanceId " + id + " does not exist.", Json.text(r, "RequestId"));
    }
    ctx.out().print(ctx.json() ? Json.pretty(found.get(0)) : KeyValueView.render(found.get(0)));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
