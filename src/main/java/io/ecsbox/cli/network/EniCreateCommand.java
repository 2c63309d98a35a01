package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox eni create}: CreateNetworkInterface. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create an elastic network interface in a vSwitch (CreateNetworkInterface) and"
        + " print its id. It gets a fixed MAC and private IP and is Available until attached.")
public final class EniCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--vswitch",
      required = true,
      paramLabel = "VSWITCH_ID",
      description = "vSwitch (vsw-...); the ENI gets an address from it.")
  String vSwitchId;

  @Option(
      names = "--sg",
      required = true,
      paramLabel = "SG_ID",
      description = "Security group of the vSwitch's VPC; repeat for several (at most 5).")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--ip",
      paramLabel = "IP",
      description = "Private IP to take (default: the next free one).")
  String ip;

  @Option(names = "--name", paramLabel = "NAME", description = "ENI name.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free-text description.")
  String description;

  public EniCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Params p = new Params().put("VSwitchId", vSwitchId).put("PrimaryIpAddress", ip)
        .put("NetworkInterfaceName", name).put("Description", description);
    JsonNode r = ctx.call("CreateNetworkInterface", groupIds(p, groups));
    Net.printId(ctx, r, Json.text(r, "NetworkInterfaceId"));
    return ExitCodes.OK;
  }

  /** One group as SecurityGroupId, several as SecurityGroupIds.N (as RunInstances takes them). */
  static Params groupIds(Params p, List<String> groups) {
    return groups.size() == 1 ? p.put("SecurityGroupId", groups.get(0))
        : p.repeat("SecurityGroupIds", groups);
  }
}
