package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.api.errors.ErrorCodes;
import io.ecsbox.compute.InstanceAccess;
import java.util.List;

/**
 * AttachKeyPair and DetachKeyPair, as ECS 2014-05-26: {@code KeyPairName} and
 * {@code InstanceIds} (a JSON array of up to 50); each instance's outcome in {@code Results}
 * (Code "200" and Message "successful", or the ECS error), with counts as strings.
 */
public final class KeyPairBindingActions {
  private static final int MAX_INSTANCES = 50;

  private final InstanceAccess access;

  public KeyPairBindingActions(InstanceAccess access) {
    this.access = access;
  }

  public void registerIn(ActionRegistry r) {
    r.register("AttachKeyPair", req -> answer(req, true));
    r.register("DetachKeyPair", req -> answer(req, false));
  }

  private ObjectNode answer(ApiRequest req, boolean attach) {
    Params p = req.params();
    String name = p.require("KeyPairName");
    List<String> ids = p.jsonArray("InstanceIds", MAX_INSTANCES).orElseThrow(() -> EcsException.missing("InstanceIds"));
    if (ids.isEmpty()) {
      throw EcsException.missing("InstanceIds");
    }
    List<InstanceAccess.Outcome> outcomes = attach ? access.attach(req.accountId(), name, ids)
        : access.detach(req.accountId(), name, ids);
    ObjectNode out = Json.object().put("KeyPairName", name).put("TotalCount", Integer.toString(outcomes.size()))
        .put("FailCount", Long.toString(outcomes.stream().filter(o -> o.error() != null).count()));
    ArrayNode a = Json.list(out, "Results", "Result");
    for (InstanceAccess.Outcome o : outcomes) {
      ObjectNode x = a.addObject().put("InstanceId", o.instanceId());
      if (o.error() == null) {
        x.put("Success", "true").put("Code", "200").put("Message", "successful");
      } else {
        EcsException e = ErrorCodes.toEcs(o.error());
        x.put("Success", "false").put("Code", e.code()).put("Message", e.getMessage());
      }
    }
    return out;
  }
}
