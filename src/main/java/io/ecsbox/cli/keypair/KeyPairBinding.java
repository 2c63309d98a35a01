package io.ecsbox.cli.keypair;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code keypair attach} and {@code keypair detach} share: the call with KeyPairName and
 * InstanceIds, and one line per instance (exit 1 when any failed).
 */
abstract class KeyPairBinding implements Callable<Integer> {
  private final CliContext ctx;
  private final String action;
  private final String done;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Key pair name.")
  String name;

  @Parameters(arity = "1..50", paramLabel = "INSTANCE_ID", description = "Instances (at most 50).")
  List<String> instanceIds;

  KeyPairBinding(CliContext ctx, String action, String done) {
    this.ctx = ctx;
    this.action = action;
    this.done = done;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call(action, new Params().put("KeyPairName", name).put("InstanceIds", Json.array(instanceIds)));
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      for (JsonNode x : r.path("Results").path("Result")) {
        ctx.out().println(x.path("InstanceId").asText() + ": " + (x.path("Success").asText().equals("true")
            ? done + " (takes effect at its next start)"
            : x.path("Code").asText() + ": " + x.path("Message").asText()));
      }
    }
    ctx.out().flush();
    return r.path("FailCount").asText("0").equals("0") ? ExitCodes.OK : ExitCodes.API_ERROR;
  }
}
