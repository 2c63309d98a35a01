package io.ecsbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  private long nowMs = 1_000_000;

  @BeforeEach
  void start() throws Exception {
    serve(ApiLimits.of(Throttle.off()));
  }

  private void serve(ApiLimits limits) throws Exception {
    ActionRegistry r = new ActionRegistry().register("Echo",
        req -> Json.object().put("Name", req.params().require("Name")).put("Account", req.accountId()));
    Authenticator auth = new Authenticator(id -> id.equals("AK") ? Optional.of("SK") : Optional.empty(),
        Clock.systemUTC(), new NonceCache());
    server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), "local-1", auth, id -> "acc-" + id, r, limits);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(Map<String, String> extra, boolean asForm) throws Exception {
    return post(extra, asForm, "");
  }

  /** A signed call; {@code tail} is appended to the form body unsigned (e.g. padding or broken text). */
  private HttpResponse<String> post(Map<String, String> extra, boolean asForm, String tail) throws Exception {
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
    b.POST(asForm ? HttpRequest.BodyPublishers.ofString(encoded + tail) : HttpRequest.BodyPublishers.noBody());
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

  private static void assertEcsError(HttpResponse<String> r, int status, String code) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode j = Json.MAPPER.readTree(r.body());
    assertEquals(code, j.path("Code").asText(), r.body());
    assertFalse(j.path("Message").asText().isEmpty(), r.body());
    assertTrue(j.path("RequestId").asText().matches("[0-9A-F-]{36}"), r.body());
  }

  @Test
  void aMegabyteValueIsServedAndABodyOverTheLimitGetsAnEcsErrorNotAReset() throws Exception {
    String mib = "x".repeat(1 << 20);
    HttpResponse<String> ok = post(Map.of("Name", mib), true);
    assertEquals(200, ok.statusCode());
    assertEquals(mib, Json.MAPPER.readTree(ok.body()).path("Name").asText());
    assertEcsError(post(Map.of("Other", mib), true), 400, "MissingParameter");
    assertEquals(200, post(Map.of("Name", mib), false).statusCode(), "in the query too");
    assertEcsError(post(Map.of("Name", "名".repeat(1 << 20)), false), 400, "InvalidParameter");

    HttpResponse<String> big = post(Map.of("Name", "a"), true, "&Pad=" + "y".repeat(ApiLimits.BODY_BYTES));
    assertEcsError(big, 400, "InvalidParameter");
    assertTrue(Json.MAPPER.readTree(big.body()).path("Message").asText().contains("larger than"), big.body());
    assertEquals(200, post(Map.of("Name", "after"), true).statusCode(), "the server still serves");
  }

  @Test
  void tooManyParametersAreRefused() throws Exception {
    Map<String, String> many = new TreeMap<>(Map.of("Name", "n"));
    for (int i = 0; many.size() + 9 < ApiLimits.PARAMETERS; i++) { // 9 common parameters and Signature
      many.put("P" + i, "v");
    }
    assertEquals(200, post(many, true).statusCode(), "exactly at the limit");
    many.put("OneMore", "v");
    HttpResponse<String> r = post(many, true);
    assertEcsError(r, 400, "InvalidParameter");
    assertTrue(r.body().contains("at most 1000"), r.body());
  }

  @Test
  void brokenUrlEncodingIsTheClientsMistake() throws Exception {
    assertEcsError(post(Map.of("Name", "n"), true, "&Bad=%zz"), 400, "InvalidParameter");
  }

  @Test
  void anAccountOverItsRateGetsEcsThrottling() throws Exception {
    server.close();
    serve(new ApiLimits(ApiLimits.BODY_BYTES, ApiLimits.PARAMETERS,
        new Throttle(1, 2, () -> Instant.ofEpochMilli(nowMs))));
    assertEquals(200, post(Map.of("Name", "1"), false).statusCode());
    assertEquals(200, post(Map.of("Name", "2"), false).statusCode());
    HttpResponse<String> r = post(Map.of("Name", "3"), false);
    assertEcsError(r, 400, "Throttling");
    assertEquals("Request was denied due to request throttling.", Json.MAPPER.readTree(r.body()).path("Message")
        .asText());
    nowMs += 1000;
    assertEquals(200, post(Map.of("Name", "4"), false).statusCode(), "a second later one more call goes");
  }
}
