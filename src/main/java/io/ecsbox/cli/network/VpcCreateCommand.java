package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox vpc create}: CreateVpc. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a VPC (CreateVpc) and print its id. It is ready when this returns.")
public final class VpcCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--cidr",
      paramLabel = "CIDR",
      description = "Address block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, mask /8-/24"
          + " (default: 172.16.0.0/12).")
  String cidr;

  @Option(names = "--name", paramLabel = "NAME", description = "VPC name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  public VpcCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("CreateVpc", new Params().put("CidrBlock", cidr).put("VpcName", name)
        .put("Description", description));
    Net.printId(ctx, r, Json.text(r, "VpcId"));
    return ExitCodes.OK;
  }
}
