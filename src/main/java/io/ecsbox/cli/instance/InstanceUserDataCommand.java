package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ecsbox instance user-data ID}: DescribeUserData, decoded. */
@Command(
    name = "user-data",
    mixinStandardHelpOptions = true,
    description = "Print the user data the instance was given (DescribeUserData), decoded.")
public final class InstanceUserDataCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ID", description = "Instance id (i-...).")
  String id;

  public InstanceUserDataCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.api().call("DescribeUserData", Map.of("InstanceId", id));
    ctx.out().print(ctx.json() ? Json.pretty(r) : Json.decodeBase64(Json.text(r, "UserData")));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
