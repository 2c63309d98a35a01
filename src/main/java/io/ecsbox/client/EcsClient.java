package io.ecsbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.api.auth.PercentEncoding;
import io.ecsbox.api.auth.SignatureV1;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A client of the ecsbox ECS API, signing like the classic Alibaba Cloud SDK (RPC v1,
 * HMAC-SHA1, every parameter in the query of a {@code POST /}). Immutable and thread-safe.
 *
 * <p>Side effects: one HTTP request per {@link #call}; no retries (like the SDK's default).
 */
public final class EcsClient {
  public static final String API_VERSION = "2014-05-26";
  public static final String DEFAULT_REGION_ID = "local-1";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String accessKeyId;
  private final String accessKeySecret;
  private final String regionId;
  private final Clock clock;
  private final Supplier<String> nonces;
  private final Transport http;

  /**
   * @param endpoint the daemon's base URL, e.g. {@code http://127.0.0.1:18080}
   */
  public EcsClient(URI endpoint, String accessKeyId, String accessKeySecret) {
    this(endpoint, accessKeyId, accessKeySecret, DEFAULT_REGION_ID, Clock.systemUTC(),
        EcsClient::randomNonce, new JdkHttpTransport(CONNECT_TIMEOUT));
  }

  EcsClient(URI endpoint, String accessKeyId, String accessKeySecret, String regionId, Clock clock,
      Supplier<String> nonces, Transport http) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.getHost() == null || !("http".equals(endpoint.getScheme())
        || "https".equals(endpoint.getScheme()))) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL, got " + endpoint);
    }
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    this.regionId = Objects.requireNonNull(regionId, "regionId");
    this.clock = clock;
    this.nonces = nonces;
    this.http = http;
  }

  /** A client for the endpoint, keys and region of {@code config}; first-use pin notices go to stderr. */
  public static EcsClient of(ClientConfig config) {
    return of(config, System.err::println);
  }

  /**
   * A client for the endpoint, keys and region of {@code config}, on the JDK's HttpClient (kept-alive
   * connections, for many calls at once). Over https it trusts what the JDK trusts, the config's
   * fingerprints, and else pins the certificate on first use in {@link ClientConfig#knownEndpoints()},
   * telling {@code notice}.
   */
  public static EcsClient of(ClientConfig config, Consumer<String> notice) {
    return new EcsClient(config.endpoint(), config.accessKeyId(), config.accessKeySecret(), config.regionId(),
        Clock.systemUTC(), EcsClient::randomNonce, new JdkHttpTransport(CONNECT_TIMEOUT, tls(config, notice)));
  }

  /**
   * Like {@link #of(ClientConfig, Consumer)}, for a command that makes its calls one after another:
   * a new connection per call through {@code HttpURLConnection}, which starts much faster than the
   * JDK's HttpClient; the same trust over https.
   */
  public static EcsClient forCommand(ClientConfig config, Consumer<String> notice) {
    return new EcsClient(config.endpoint(), config.accessKeyId(), config.accessKeySecret(), config.regionId(),
        Clock.systemUTC(), EcsClient::randomNonce, new UrlConnectionTransport(CONNECT_TIMEOUT, tls(config, notice)));
  }

  /** {@link #forCommand(ClientConfig, Consumer)} with pin notices on stderr. */
  public static EcsClient forCommand(ClientConfig config) {
    return forCommand(config, System.err::println);
  }

  // over https: the JDK's trust, the config's fingerprints, else the certificate pinned on first use
  private static Optional<SSLContext> tls(ClientConfig config, Consumer<String> notice) {
    URI endpoint = config.endpoint();
    if (!"https".equals(endpoint.getScheme())) {
      return Optional.empty();
    }
    String hostPort = endpoint.getHost() + ":" + (endpoint.getPort() < 0 ? 443 : endpoint.getPort());
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new PinningTrustManager(PinningTrustManager.jdkDefault(),
          config.trustedCertificates(), new KnownEndpoints(config.knownEndpoints()), hostPort, notice)}, null);
      return Optional.of(tls);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a TLS context", e);
    }
  }

  /** The same client with another default RegionId (used when a call does not give one). */
  public EcsClient withRegionId(String regionId) {
    return new EcsClient(endpoint, accessKeyId, accessKeySecret, regionId, clock, nonces, http);
  }

  /** The same client with an injected clock and nonce source (tests). */
  EcsClient withClock(Clock clock, Supplier<String> nonces) {
    return new EcsClient(endpoint, accessKeyId, accessKeySecret, regionId, clock, nonces, http);
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Calls one action and returns the JSON answer (an object with {@code RequestId}).
   *
   * @param params action parameters, already flattened ({@code Tag.1.Key}, ...); null values
   *     are skipped
   * @throws EcsApiException on an error answer, or with status 0 when no usable answer came
   */
  public JsonNode call(String action, Map<String, String> params) {
    Map<String, String> signed = signedParameters(action, params);
    StringBuilder query = new StringBuilder();
    // percentEncode output is valid URL text, and the server decodes before verifying.
    signed.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&")
        .append(PercentEncoding.encode(k)).append('=').append(PercentEncoding.encode(v)));
    String base = endpoint.toString().replaceAll("/+$", "");
    return parse(send(URI.create(base + "/?" + query), Map.of(
        "Content-Type", "application/x-www-form-urlencoded",
        "Accept", "application/json",
        "x-acs-action", action,
        "x-acs-version", API_VERSION)));
  }

  /** The parameters of a call, common ones and {@code Signature} included, in sorted order. */
  Map<String, String> signedParameters(String action, Map<String, String> params) {
    Map<String, String> p = new TreeMap<>();
    params.forEach((k, v) -> {
      if (v != null) {
        p.put(k, v);
      }
    });
    p.put("Action", action);
    p.put("Version", API_VERSION);
    p.put("Format", "JSON");
    p.put("AccessKeyId", accessKeyId);
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureVersion", "1.0");
    p.put("SignatureNonce", nonces.get());
    p.put("Timestamp", TIMESTAMP.format(clock.instant()));
    p.putIfAbsent("RegionId", regionId);
    p.remove(SignatureV1.SIGNATURE_PARAM);
    p.put(SignatureV1.SIGNATURE_PARAM, SignatureV1.sign("POST", p, accessKeySecret));
    return p;
  }

  private Transport.Answer send(URI uri, Map<String, String> headers) {
    try {
      return http.post(uri, headers, REQUEST_TIMEOUT);
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(e);
    } catch (HttpTimeoutException e) {
      throw new EcsApiException(0, "RequestTimeout", "The ecsbox daemon at " + endpoint
          + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s.", null, e);
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof PinningTrustManager.CertificateChangedException c) {
          throw new EcsApiException(0, "CertificateChanged", c.getMessage(), null, e);
        }
      }
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EcsApiException(0, "Interrupted", "Interrupted while calling " + endpoint + ".", null, e);
    }
  }

  private EcsApiException unreachable(IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new EcsApiException(0, "ConnectionFailed", "The ecsbox daemon is not reachable at "
        + endpoint + " (" + why + "). Start it on that host with `ecsbox daemon`, or point"
        + " ECSBOX_ENDPOINT at a running daemon.", null, e);
  }

  private JsonNode parse(Transport.Answer response) {
    int status = response.status();
    JsonNode body = readObject(response.body());
    if (status >= 200 && status < 300) {
      if (body == null) {
        throw new EcsApiException(status, "InvalidResponse",
            "Expected a JSON object from " + endpoint + ", got: " + snippet(response.body()), null);
      }
      return body;
    }
    if (body == null || text(body, "Code", "code") == null) {
      throw new EcsApiException(status, "InvalidResponse", "HTTP " + status + " from " + endpoint
          + " without an ECS error body: " + snippet(response.body()), null);
    }
    String message = text(body, "Message", "message");
    throw new EcsApiException(status, text(body, "Code", "code"), message == null ? "" : message,
        text(body, "RequestId", "requestId"));
  }

  private static JsonNode readObject(String text) {
    try {
      JsonNode node = JSON.readTree(text == null ? "" : text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String name, String fallback) {
    JsonNode v = node.hasNonNull(name) ? node.get(name) : node.get(fallback);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String snippet(String body) {
    String s = body == null ? "" : body.strip();
    return s.isEmpty() ? "(empty body)" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  private static String randomNonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
