package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.api.auth.PercentEncoding;
import io.ecsbox.api.auth.SignatureV1;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends an {@link ApiFuzzer.Call} as it is (repeated names, any text), signed with RPC v1 over
 * the parameters the server keeps (the first of each name): GET in the query, POST in a form
 * body. Unlike the SDKs it never refuses to send.
 */
public final class RawCaller {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final String keyId;
  private final String secret;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public RawCaller(URI endpoint, String keyId, String secret) {
    this.endpoint = endpoint;
    this.keyId = keyId;
    this.secret = secret;
  }

  /**
   * One answer: status 0 when none came (reset, timeout). {@link #ecsShaped} is what an SDK can
   * read: a 2xx JSON object with RequestId, or an error object with Code, Message and RequestId.
   */
  public record Answer(int status, String body, String failure) {
    public JsonNode json() {
      try {
        JsonNode n = JSON.readTree(body == null ? "" : body);
        return n != null && n.isObject() ? n : null;
      } catch (IOException e) {
        return null;
      }
    }

    public String code() {
      JsonNode j = json();
      return j == null ? null : j.path("Code").asText(null);
    }

    public boolean ecsShaped() {
      JsonNode j = json();
      if (status == 0 || j == null || j.path("RequestId").asText("").isEmpty()) {
        return false;
      }
      return status >= 200 && status < 300 || !j.path("Code").asText("").isEmpty() && j.has("Message");
    }

    @Override
    public String toString() {
      String b = body == null ? failure : body;
      return status + " " + (b.length() > 300 ? b.substring(0, 300) + "..." : b);
    }
  }

  public Answer send(ApiFuzzer.Call call) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>(List.of(Map.entry("Action", call.action()),
        Map.entry("Version", "2014-05-26"), Map.entry("Format", "JSON"), Map.entry("AccessKeyId", keyId),
        Map.entry("SignatureMethod", "HMAC-SHA1"), Map.entry("SignatureVersion", "1.0"),
        Map.entry("SignatureNonce", UUID.randomUUID().toString()),
        Map.entry("Timestamp", TIMESTAMP.format(Instant.now())), Map.entry("RegionId", "local-1")));
    pairs.addAll(call.params());
    Map<String, String> kept = new LinkedHashMap<>();
    pairs.forEach(p -> kept.putIfAbsent(p.getKey(), p.getValue()));
    pairs.add(Map.entry(SignatureV1.SIGNATURE_PARAM, SignatureV1.sign(call.method(), kept, secret)));
    StringBuilder form = new StringBuilder();
    pairs.forEach(p -> form.append(form.length() == 0 ? "" : "&").append(PercentEncoding.encode(p.getKey()))
        .append('=').append(PercentEncoding.encode(p.getValue())));
    String base = endpoint.toString().replaceAll("/+$", "") + "/";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("GET".equals(call.method()) ? base + "?" + form : base))
        .timeout(Duration.ofSeconds(60));
    if ("GET".equals(call.method())) {
      b.GET();
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
          form.toString()));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), null);
    } catch (IOException e) {
      return new Answer(0, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null, "interrupted");
    }
  }
}
