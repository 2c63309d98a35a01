package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Looks up the current status of given instances (DescribeInstances, 100 ids per call). */
final class InstanceStates {
  private static final int PER_CALL = 100;

  private InstanceStates() {}

  /** Status by instance id; an id that no longer exists is absent from the map. */
  static Map<String, String> of(Api api, List<String> ids) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += PER_CALL) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PER_CALL));
      Params p = new Params().jsonArray("InstanceIds", chunk).put("PageSize", PER_CALL);
      JsonNode r = api.call("DescribeInstances", p.toMap());
      for (JsonNode i : Json.list(r, "Instances", "Instance")) {
        out.put(Json.text(i, "InstanceId"), Json.text(i, "Status"));
      }
    }
    return out;
  }
}
