package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Pages;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox eip list}: DescribeEipAddresses, every page, as a table. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List elastic IPs (DescribeEipAddresses) with their status, bandwidth and what"
        + " they are associated with.")
public final class EipListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only EIPs in this state: Available, Associating, InUse, Unassociating.")
  String status;

  public EipListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode r = Pages.all(ctx, "DescribeEipAddresses", () -> new Params().put("Status", status),
        "EipAddresses", "EipAddress", VpcListCommand.PAGE_SIZE);
    ctx.print(r, () -> table(Json.list(r, "EipAddresses", "EipAddress")));
    return ExitCodes.OK;
  }

  static Table table(List<JsonNode> eips) {
    Table t = new Table("ID", "IP", "STATUS", "BANDWIDTH(Mbps)", "ASSOCIATED", "TYPE", "NAME",
        "CREATED");
    for (JsonNode e : eips) {
      t.row(Json.text(e, "AllocationId"), Json.text(e, "IpAddress"), Json.text(e, "Status"),
          Json.text(e, "Bandwidth"), Json.text(e, "InstanceId"), Json.text(e, "InstanceType"),
          Json.text(e, "Name"), Json.text(e, "AllocationTime"));
    }
    return t;
  }
}
