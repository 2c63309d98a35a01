package io.ecsbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ecsbox.api.auth.AuthRequest;
import io.ecsbox.api.auth.Authenticator;
import io.ecsbox.api.auth.NonceCache;
import io.ecsbox.api.auth.PercentEncoding;
import io.ecsbox.api.errors.EcsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcsClientTest {
  private static final String AK = "LTAIclientTest";
  private static final String SECRET = "s3cret/with+chars=";
  private static final Instant NOW = Instant.parse("2026-03-01T10:20:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> TRICKY = Map.of(
      "InstanceName", "web 1 * ~ + & = é 中", "Tag.1.Value", "dev*~ x", "InstanceIds", "[\"i-a\",\"i-b\"]");

  private final Authenticator server = new Authenticator(
      ak -> AK.equals(ak) ? Optional.of(SECRET) : Optional.empty(), CLOCK, new NonceCache());
  private final AtomicInteger nonce = new AtomicInteger();
  private HttpServer http;
  private URI endpoint;

  @BeforeEach
  void startServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::handle);
    http.start();
    endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  @AfterEach
  void stopServer() {
    http.stop(0);
  }

  private EcsClient client(String secret) {
    return client(endpoint, secret).withClock(CLOCK, () -> String.format("%032x", nonce.incrementAndGet()));
  }

  /** The client under test; {@link EcsClientCommandTest} runs every test through the command transport. */
  EcsClient client(URI endpoint, String secret) {
    return new EcsClient(endpoint, AK, secret);
  }

  /** A stand-in daemon: authenticates with the real Authenticator and echoes parameters. */
  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    Map<String, String> params = new HashMap<>(PercentEncoding.decodeForm(ex.getRequestURI().getRawQuery()));
    Map<String, String> headers = new HashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
    String action = params.getOrDefault("Action", "");
    ObjectNode out = JSON.createObjectNode();
    int status = 200;
    String type = "application/json";
    try {
      out.put("Caller", server.authenticate(new AuthRequest(ex.getRequestMethod(),
          ex.getRequestURI().getRawPath(), params, headers, body)));
      out.set("Params", JSON.valueToTree(params));
      out.put("RequestId", "REQ-OK");
    } catch (EcsException e) {
      status = e.httpStatus();
      out.put("RequestId", "REQ-ERR").put("HostId", "127.0.0.1").put("Code", e.code())
          .put("Message", e.getMessage());
    }
    byte[] answer = JSON.writeValueAsBytes(out);
    if (action.equals("LowerCaseError")) {
      status = 404;
      answer = "{\"requestId\":\"r-1\",\"code\":\"InvalidInstanceId.NotFound\",\"message\":\"gone\"}"
          .getBytes(StandardCharsets.UTF_8);
    } else if (action.equals("Html")) {
      status = 502;
      type = "text/html";
      answer = "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
    }
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, answer.length);
    ex.getResponseBody().write(answer);
    ex.close();
  }

  @Test
  void signedParametersAreAcceptedByTheServerAuthenticator() {
    Map<String, String> p = client(SECRET).signedParameters("DescribeInstances", TRICKY);
    assertEquals(AK, server.authenticate(new AuthRequest("POST", "/", p, Map.of(), null)));
    assertEquals("2014-05-26", p.get("Version"));
    assertEquals("JSON", p.get("Format"));
    assertEquals("HMAC-SHA1", p.get("SignatureMethod"));
    assertEquals("1.0", p.get("SignatureVersion"));
    assertEquals("2026-03-01T10:20:30Z", p.get("Timestamp"));
    assertEquals("local-1", p.get("RegionId"));
  }

  @Test
  void regionComesFromParamsThenWitherThenDefault() {
    EcsClient c = client(SECRET).withRegionId("lab-2");
    assertEquals("lab-2", c.signedParameters("DescribeZones", Map.of()).get("RegionId"));
    assertEquals("x-1", c.signedParameters("DescribeZones", Map.of("RegionId", "x-1")).get("RegionId"));
  }

  @Test
  void defaultNoncesAreRandom32Hex() {
    EcsClient c = new EcsClient(endpoint, AK, SECRET);
    String a = c.signedParameters("DescribeRegions", Map.of()).get("SignatureNonce");
    String b = c.signedParameters("DescribeRegions", Map.of()).get("SignatureNonce");
    assertTrue(a.matches("[0-9a-f]{32}"), a);
    assertTrue(!a.equals(b));
  }

  @Test
  void callSendsEveryParameterIntactAndParsesTheAnswer() {
    Map<String, String> params = new LinkedHashMap<>(TRICKY);
    params.put("Skipped", null);
    JsonNode answer = client(SECRET).call("DescribeInstances", params);
    assertEquals(AK, answer.get("Caller").asText());
    assertEquals("REQ-OK", answer.get("RequestId").asText());
    TRICKY.forEach((k, v) -> assertEquals(v, answer.get("Params").get(k).asText(), k));
    assertEquals("DescribeInstances", answer.get("Params").get("Action").asText());
    assertTrue(!answer.get("Params").has("Skipped"));
  }

  @Test
  void errorAnswerBecomesEcsApiException() {
    EcsApiException e = assertThrows(EcsApiException.class,
        () -> client("wrong").call("DescribeRegions", Map.of()));
    assertEquals(400, e.httpStatus());
    assertEquals("SignatureDoesNotMatch", e.code());
    assertEquals("REQ-ERR", e.requestId());
    assertTrue(e.getMessage().contains("server string to sign is:POST&%2F&"), e.getMessage());
  }

  @Test
  void lowerCaseErrorFieldsAreRead() {
    EcsApiException e = assertThrows(EcsApiException.class,
        () -> client(SECRET).call("LowerCaseError", Map.of()));
    assertEquals(404, e.httpStatus());
    assertEquals("InvalidInstanceId.NotFound", e.code());
    assertEquals("r-1", e.requestId());
    assertEquals("InvalidInstanceId.NotFound: gone (RequestId r-1)", e.getMessage());
  }

  @Test
  void nonJsonErrorIsReportedWithItsStatus() {
    EcsApiException e = assertThrows(EcsApiException.class, () -> client(SECRET).call("Html", Map.of()));
    assertEquals(502, e.httpStatus());
    assertEquals("InvalidResponse", e.code());
    assertTrue(e.getMessage().contains("Bad Gateway"), e.getMessage());
  }

  @Test
  void unreachableDaemonSaysHowToStartIt() throws IOException {
    int freePort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      freePort = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + freePort);
    EcsApiException e = assertThrows(EcsApiException.class,
        () -> client(nowhere, SECRET).call("DescribeRegions", Map.of()));
    assertEquals("ConnectionFailed", e.code());
    assertEquals(0, e.httpStatus());
    assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("ecsbox daemon"), e.getMessage());
  }

  @Test
  void rejectsNonHttpEndpoints() {
    assertThrows(IllegalArgumentException.class,
        () -> new EcsClient(URI.create("ftp://127.0.0.1:1"), AK, SECRET));
  }
}
