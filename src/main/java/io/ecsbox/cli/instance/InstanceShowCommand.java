package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    description = "Show all attributes of one instance (DescribeInstances); for a running one also"
        + " its memory as the guest reports it (EcsboxMemory, from DescribeInstanceMemory: the guest's"
        + " total, unused, usable and cache memory, and its QEMU's RSS on the host, in KiB).")
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
    JsonNode instance = found.get(0);
    if ("Running".equals(Json.text(instance, "Status")) && instance instanceof ObjectNode o) {
      try {
        JsonNode m = ctx.call("DescribeInstanceMemory", new Params().put("InstanceId", id));
        ObjectNode memory = o.putObject("EcsboxMemory");
        m.fields().forEachRemaining(f -> {
          if (!f.getKey().equals("InstanceId") && !f.getKey().equals("RequestId")) {
            memory.set(f.getKey(), f.getValue());
          }
        });
      } catch (EcsApiException e) {
        // stopped meanwhile: the instance's attributes are still worth showing
      }
    }
    ctx.out().print(ctx.json() ? Json.pretty(instance) : KeyValueView.render(instance));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
