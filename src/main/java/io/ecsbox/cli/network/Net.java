package io.ecsbox.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Small helpers the networking commands share. */
final class Net {
  private Net() {}

  /** The values of an ECS list of plain values, comma-separated ({@code {"X":["a","b"]}}). */
  static String joined(JsonNode node, String wrapper, String item) {
    List<String> parts = new ArrayList<>();
    node.path(wrapper).path(item).forEach(n -> parts.add(n.asText()));
    return String.join(",", parts);
  }

  /** Prints a created id (or, with {@code -o json}, the whole answer). */
  static void printId(CliContext ctx, JsonNode r, String line) {
    ctx.out().print(ctx.json() ? Json.pretty(r) : line + "\n");
    ctx.out().flush();
  }

  /** {@code zoneId}, else the region's only zone; several zones is a usage error. */
  static String zone(CliContext ctx, CommandLine cmd, String zoneId) {
    if (zoneId != null) {
      return zoneId;
    }
    List<String> zones = Json.list(ctx.call("DescribeZones", new Params()), "Zones", "Zone")
        .stream().map(z -> Json.text(z, "ZoneId")).toList();
    if (zones.size() > 1) {
      throw new CommandLine.ParameterException(cmd,
          "This region has several zones; choose one with --zone: " + String.join(", ", zones));
    }
    return zones.isEmpty() ? null : zones.get(0);
  }

  /** Exactly one of two exclusive options, by name, or a usage error. */
  static void exactlyOne(CommandLine cmd, String a, Object va, String b, Object vb) {
    if (va != null && vb != null) {
      throw new CommandLine.ParameterException(cmd, "Give either " + a + " or " + b + ", not both.");
    }
    if (va == null && vb == null) {
      throw new CommandLine.ParameterException(cmd, "Missing " + a + " or " + b + ".");
    }
  }
}
