package io.ecsbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Waiter;
import io.ecsbox.client.Json;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The training run of the class-data sharing archive ({@code ecsbox --make-cds} runs it under
 * {@code -XX:ArchiveClassesAtExit}): loads what a typical command loads, in one JVM, printing
 * nothing. Help; a call through the real HTTP client to the endpoint in the environment (the
 * launcher gives a closed port: no daemon is needed at install); and a region list rendered as
 * table and JSON from a sample answer. Changes nothing on the host.
 */
final class CdsTraining {
  private static final String SAMPLE = "{\"RequestId\":\"cds\",\"Regions\":{\"Region\":[{\"RegionId\":"
      + "\"local-1\",\"LocalName\":\"ecsbox local-1\",\"RegionEndpoint\":\"127.0.0.1:18080\",\"Status\":"
      + "\"available\"}]}}";

  private CdsTraining() {}

  public static void main(String[] args) throws JsonProcessingException {
    Map<String, String> env = System.getenv();
    JsonNode sample = Json.MAPPER.readTree(SAMPLE);
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    run(() -> Main.clientFor(env, null, none), env, "--help");
    run(() -> Main.clientFor(env, null, none), env, "instance", "list", "--help");
    run(() -> Main.clientFor(env, null, none), env, "region", "list");
    run(() -> (action, params) -> sample, env, "region", "list");
    run(() -> (action, params) -> sample, env, "-o", "json", "region", "list");
  }

  private static void run(Supplier<Api> api, Map<String, String> env, String... args) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Main.run(new CliContext(sink, sink, api, Clock.systemUTC(), Waiter.THREAD_SLEEPER, false, env), args);
  }
}
