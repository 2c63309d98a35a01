package io.ecsbox.it;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Hand-made RPC v1 requests (signed with the project's {@link SignatureV1}), for the cases the
 * SDK will not send: old timestamps, reused nonces, odd parameters.
 */
public final class RawApi {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: HTTP status and the JSON body. */
  public record Response(int status, JsonNode body) {
    public String code() {
      JsonNode c = body.get("Code");
      return c == null ? null : c.asText();
    }
  }

  private final String endpoint;
  private final String keyId;
  private final String secret;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  RawApi(String endpoint, String keyId, String secret) {
    this.endpoint = endpoint;
    this.keyId = keyId;
    this.secret = secret;
  }

  /** The common parameters the classic SDK sends, unsigned; change any before {@link #send}. */
  public Map<String, String> params(String action) {
    Map<String, String> p = new TreeMap<>();
    p.put("Action", action);
    p.put("Version", "2014-05-26");
    p.put("Format", "JSON");
    p.put("AccessKeyId", keyId);
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureVersion", "1.0");
    p.put("SignatureNonce", UUID.randomUUID().toString().replace("-", ""));
    p.put("Timestamp", timestamp(Instant.now()));
    p.put("RegionId", EcsboxHarness.REGION);
    return p;
  }

  public static String timestamp(Instant t) {
    return TIMESTAMP.format(t);
  }

  /** Signs {@code params} (replacing any Signature) and POSTs them in the query. */
  public Response send(Map<String, String> params) throws IOException, InterruptedException {
    Map<String, String> p = new TreeMap<>(params);
    p.remove(SignatureV1.SIGNATURE_PARAM);
    p.put(SignatureV1.SIGNATURE_PARAM, SignatureV1.sign("POST", p, secret));
    StringBuilder q = new StringBuilder();
    p.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(PercentEncoding.encode(k)).append('=')
        .append(PercentEncoding.encode(v)));
    HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + "/?" + q))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), JSON.readTree(r.body()));
  }
}
