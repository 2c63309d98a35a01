package io.ecsbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Handles one ECS Action: parameters in, the response fields out (RequestId is added later). */
@FunctionalInterface
public interface ActionHandler {
  ObjectNode handle(ApiRequest request);
}
