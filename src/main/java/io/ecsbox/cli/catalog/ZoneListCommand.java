package io.ecsbox.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecsbox zone list}: DescribeZones. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List the zones of the region and what can be created in each"
        + " (DescribeZones).")
public final class ZoneListCommand implements Callable<Integer> {
  private final CliContext ctx;

  public ZoneListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode r = ctx.call("DescribeZones", new Params());
    ctx.print(r, () -> {
      Table t = new Table("ZONE", "NAME", "RESOURCES", "DISK CATEGORIES");
      for (JsonNode z : Json.list(r, "Zones", "Zone")) {
        t.row(Json.text(z, "ZoneId"), Json.text(z, "LocalName"),
            join(z.path("AvailableResourceCreation").path("ResourceTypes")),
            join(z.path("AvailableDiskCategories").path("DiskCategories")));
      }
      return t;
    });
    return ExitCodes.OK;
  }

  private static String join(JsonNode arr) {
    List<String> parts = new ArrayList<>();
    arr.forEach(n -> parts.add(n.asText()));
    return String.join(",", parts);
  }
}
