package io.ecsbox.client;

import java.net.URI;

/** Every {@link EcsClientTest} through the transport of CLI commands ({@link EcsClient#forCommand}). */
class EcsClientCommandTest extends EcsClientTest {
  @Override
  EcsClient client(URI endpoint, String secret) {
    return EcsClient.forCommand(new ClientConfig(endpoint, "LTAIclientTest", secret, EcsClient.DEFAULT_REGION_ID,
        "test", java.util.Set.of(), java.nio.file.Path.of("/nonexistent/known_endpoints")));
  }
}
