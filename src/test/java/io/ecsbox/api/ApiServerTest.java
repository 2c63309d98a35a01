package io.ecsbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.auth.Authenticator;
import io.ecsbox.api.auth.NonceCache;
import io.ecsbox.api.auth.PercentEncoding;
import io.ecsbox.api.auth.SignatureV1;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP edge: form bodies count as parameters (and are signed), errors have the ECS shape. */
class ApiServerTest {
  private ApiServer server;

  @BeforeEach
  void start() throws Exception {
    ActionRegistry r = new ActionRegistry().register("Echo",
        req -> Json.object().put("Name", req.params().require("Name")).put("Account", req.accountId()));
    Authenticator auth = new Authenticator(id -> id.equals("AK") ? Optional.of("SK") : Optional.empty(),
        Clock.systemUTC(), new NonceCache());
    server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), "local-1", auth, id -> "acc-" + id, r);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(Map<String, String> extra, boolean asForm) throws Exception {
    Map<String, String> p = new TreeMap<>(Map.of("Action", "Echo", "Version", "2014-05-26", "Format", "JSON",
        "AccessKeyId", "AK", "SignatureMethod", "HMAC-SHA1", "SignatureVersion", "1.0",
        "SignatureNonce", UUID.randomUUID().toString(),
        "Timestamp", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())));
    p.putAll(extra);
    p.put("Signature", SignatureV1.sign("POST", p, "SK"));
    String encoded = PercentEncoding.canonicalQuery(p);
    URI base = URI.create("http://127.0.0.1:" + server.address().getPort() + "/");
    HttpRequest.Builder b = HttpRequest.newBuilder(asForm ? base : URI.create(base + "?" + encoded))
        .header("Content-Type", "application/x-www-form-urlencoded");
    b.POST(asForm ? HttpRequest.BodyPublishers.ofString(encoded) : HttpRequest.BodyPublishers.noBody());
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void parametersInAFormBodyAreSignedAndServed() throws Exception {
    HttpResponse<String> r = post(Map.of("Name", "web 1=ok"), true);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = Json.MAPPER.readTree(r.body());
    assertEquals("web 1=ok", j.path("Name").asText());
    assertEquals("acc-AK", j.path("Account").asText());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
  }

  @Test
  void errorsHaveTheEcsShape() throws Exception {
    HttpResponse<String> r = post(Map.of(), false);
    assertEquals(400, r.statusCode());
    JsonNode j = Json.MAPPER.readTree(r.body());
    assertEquals("MissingParameter", j.path("Code").asText());
    assertTrue(j.path("RequestId").asText().matches("[0-9A-F-]{36}"), r.body());

    HttpResponse<String> unknown = post(Map.of("Action", "Nope"), false);
    assertEquals("InvalidAction.NotFound", Json.MAPPER.readTree(unknown.body()).path("Code").asText());
  }
}
