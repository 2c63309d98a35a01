package io.ecsbox.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fetches every page of an ECS Describe action ({@code PageNumber}/{@code PageSize}) and merges
 * them into one answer of the usual shape: {@code {wrapper:{item:[...]}, TotalCount, RequestId}}.
 */
public final class Pages {
  private Pages() {}

  /**
   * @param filters builds the filter parameters afresh for each page
   * @param pageSize the action's largest page size (100 for disks and snapshots, 50 for policies)
   */
  public static ObjectNode all(CliContext ctx, String action, Supplier<Params> filters,
      String wrapper, String item, int pageSize) {
    ObjectNode merged = Json.object();
    ArrayNode items = merged.putObject(wrapper).putArray(item);
    int page = 1;
    int total;
    do {
      JsonNode r = ctx.call(action,
          filters.get().put("PageNumber", page).put("PageSize", pageSize));
      List<JsonNode> got = Json.list(r, wrapper, item);
      items.addAll(got);
      merged.put("RequestId", Json.text(r, "RequestId"));
      total = r.path("TotalCount").asInt(0);
      if (got.isEmpty()) {
        break;
      }
      page++;
    } while (items.size() < total);
    merged.put("TotalCount", items.size());
    return merged;
  }
}
