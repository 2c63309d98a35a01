package io.ecsbox.cli;

import com.sun.net.httpserver.HttpServer;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.FakeClock;
import io.ecsbox.client.EcsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fake ECS HTTP endpoint on 127.0.0.1 that records each request's query parameters and
 * answers with the JSON its handler returns (one request at a time), with {@code errorStatus}
 * when that JSON has a "Code". {@link #run} drives a command line through the real
 * {@link EcsClient} against it; {@link #close} stops the server.
 */
public final class FakeEcsEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final List<Map<String, String>> requests = new ArrayList<>();

  public FakeEcsEndpoint(int errorStatus, Function<Map<String, String>, String> answer)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      String text;
      synchronized (requests) {
        requests.add(q);
        text = answer.apply(q);
      }
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
      ex.sendResponseHeaders(text.contains("\"Code\"") ? errorStatus : 200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  /** The query parameters of every request so far, in arrival order. */
  public List<Map<String, String>> requests() {
    return requests;
  }

  public CliHarness.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    FakeClock clock = new FakeClock();
    CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err),
        () -> new EcsClient(endpoint, "ak-test", "sk-test")::call, clock, clock.sleeper(), false,
        Map.of());
    int exit = Main.run(ctx, args);
    return new CliHarness.Result(exit, out.toString(), err.toString());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String kv : raw == null ? new String[0] : raw.split("&")) {
      int eq = kv.indexOf('=');
      out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
