package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecsbox vswitch create}: CreateVSwitch. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a vSwitch in a VPC (CreateVSwitch) and print its id. It is ready when this"
          + " returns.",
      "Without --zone it goes to the region's only zone."
    })
public final class VSwitchCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Option(names = "--vpc", required = true, paramLabel = "VPC_ID", description = "VPC (vpc-...).")
  String vpcId;

  @Option(
      names = "--cidr",
      required = true,
      paramLabel = "CIDR",
      description = "Address block /16-/29 inside the VPC's, overlapping no other vSwitch.")
  String cidr;

  @Option(names = "--zone", paramLabel = "ZONE_ID", description = "Zone of the vSwitch.")
  String zoneId;

  @Option(names = "--name", paramLabel = "NAME", description = "vSwitch name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  public VSwitchCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("CreateVSwitch", new Params().put("VpcId", vpcId)
        .put("ZoneId", Net.zone(ctx, spec.commandLine(), zoneId)).put("CidrBlock", cidr)
        .put("VSwitchName", name).put("Description", description));
    Net.printId(ctx, r, Json.text(r, "VSwitchId"));
    return ExitCodes.OK;
  }
}
