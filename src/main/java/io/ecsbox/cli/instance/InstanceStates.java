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

  /**
   * An instance's status and, when the host put it there (a start it could not do, a guest
   * killed from outside), why: the system event code and message; both null otherwise.
   */
  record State(String status, String reasonCode, String reasonMessage) {
    /** Stopped by the host rather than by its user: waiting for it to run is over. */
    boolean failed() {
      return "Stopped".equals(status) && reasonCode != null;
    }

    String failure() {
      return reasonCode + ": " + reasonMessage;
    }
  }

  /** State by instance id; an id that no longer exists is absent from the map. */
  static Map<String, State> of(Api api, List<String> ids) {
    Map<String, State> out = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += PER_CALL) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PER_CALL));
      Params p = new Params().jsonArray("InstanceIds", chunk).put("PageSize", PER_CALL);
      JsonNode r = api.call("DescribeInstances", p.toMap());
      for (JsonNode i : Json.list(r, "Instances", "Instance")) {
        JsonNode reason = i.path("EcsboxStatusReason");
        String code = reason.path("Code").asText("");
        out.put(Json.text(i, "InstanceId"), new State(Json.text(i, "Status"), code.isEmpty() ? null : code,
            code.isEmpty() ? null : reason.path("Message").asText()));
      }
    }
    return out;
  }
}
