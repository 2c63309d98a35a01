package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox eip allocate}: AllocateEipAddress. */
@Command(
    name = "allocate",
    mixinStandardHelpOptions = true,
    description = "Allocate an elastic IP from the operator's public range (AllocateEipAddress);"
        + " prints its allocation id and address.")
public final class EipAllocateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--bandwidth",
      paramLabel = "Mbps",
      description = "Outbound bandwidth limit, 1-200 Mbit/s (default: 5).")
  Integer bandwidth;

  @Option(names = "--name", paramLabel = "NAME", description = "EIP name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  public EipAllocateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("AllocateEipAddress", new Params().put("Bandwidth", bandwidth)
        .put("Name", name).put("Description", description));
    Net.printId(ctx, r, Json.text(r, "AllocationId") + "  " + Json.text(r, "EipAddress"));
    return ExitCodes.OK;
  }
}
