package io.ecsbox.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a CLI command needs from the ecsbox daemon: one ECS RPC call. Answers the JSON body;
 * an ECS error (or an unreachable daemon, code {@code ConnectionFailed}) is thrown as
 * {@link io.ecsbox.client.EcsApiException}.
 */
@FunctionalInterface
public interface Api {
  JsonNode call(String action, Map<String, String> params);
}
