package io.ecsbox.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecsbox region list}: DescribeRegions. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List the regions this daemon serves (DescribeRegions).")
public final class RegionListCommand implements Callable<Integer> {
  private final CliContext ctx;

  public RegionListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DescribeRegions", new Params());
    ctx.print(r, () -> {
      Table t = new Table("REGION", "NAME", "ENDPOINT", "STATUS");
      for (JsonNode x : Json.list(r, "Regions", "Region")) {
        t.row(Json.text(x, "RegionId"), Json.text(x, "LocalName"),
            Json.text(x, "RegionEndpoint"), Json.text(x, "Status"));
      }
      return t;
    });
    return ExitCodes.OK;
  }
}
