package io.ecsbox.api;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.api.errors.ErrorCodes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ecsbox.api.auth.AuthRequest;
import io.ecsbox.api.auth.Authenticator;
import io.ecsbox.api.auth.PercentEncoding;
import io.ecsbox.common.Metrics;
import io.ecsbox.common.IdleThreads;
import io.ecsbox.common.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ECS RPC endpoint: {@code GET} or {@code POST} on {@code /}, parameters in the query or a
 * form body, signature v1 or v3, JSON answers. It only parses, authenticates and routes;
 * the handlers in {@link ActionRegistry} call the services.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String VERSION = "2014-05-26";
  // a body over the limit is read and dropped up to this much, so the client gets the answer, not a reset
  private static final long MAX_DRAINED = 64L << 20;
  private static final String MAX_HEADER_PROPERTY = "sun.net.httpserver.maxReqHeaderSize";

  private final HttpServer http;
  private final ExecutorService threads;
  private final Authenticator auth;
  private final AccountResolver accounts;
  private final ActionRegistry actions;
  private final ApiLimits limits;
  private final AccessLog access;
  private final String regionId;
  private final Map<String, Set<String>> otherVersions = new java.util.concurrent.ConcurrentHashMap<>();

  /** Maps an authenticated AccessKeyId to its account. */
  @FunctionalInterface
  public interface AccountResolver {
    String accountOf(String accessKeyId);
  }

  /** A server that counts its calls nowhere (they are still on the access log). */
  public ApiServer(InetSocketAddress bind, String regionId, Authenticator auth, AccountResolver accounts,
      ActionRegistry actions, ApiLimits limits) throws IOException {
    this(bind, Optional.empty(), regionId, auth, accounts, actions, limits, Metrics.NONE);
  }

  /**
   * @param tls     when present, the server speaks HTTPS only, with this context's certificate
   * @param metrics where each answered call is counted and timed, by Action and status
   */
  public ApiServer(InetSocketAddress bind, Optional<SSLContext> tls, String regionId, Authenticator auth,
      AccountResolver accounts, ActionRegistry actions, ApiLimits limits, Metrics metrics) throws IOException {
    this.access = new AccessLog(a -> actions.find(a).isPresent(), metrics);
    this.regionId = regionId;
    this.limits = limits;
    this.auth = auth;
    this.accounts = accounts;
    this.actions = actions;
    // The JDK server writes headers and body separately; without TCP_NODELAY every answer
    // waits ~40 ms for the client's delayed ACK (measured). Read once, at the first server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The JDK counts the request line as a header and drops the connection unanswered beyond 380 KiB:
    // make room for a 1 MiB value in its widest form (9 MiB: 3 UTF-8 bytes a char, each %XX), so
    // that a query over the limit gets the same ECS error as a body over it.
    if (System.getProperty(MAX_HEADER_PROPERTY) == null) {
      System.setProperty(MAX_HEADER_PROPERTY, String.valueOf(3L * limits.maxBodyBytes() + (64 << 10)));
    }
    if (tls.isPresent()) {
      HttpsServer https = HttpsServer.create(bind, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
      this.http = https;
    } else {
      this.http = HttpServer.create(bind, 128);
    }
    this.threads = IdleThreads.fixed(16, r -> {
      Thread t = new Thread(r, "api");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(threads);
    http.createContext("/", this::handle);
    http.createContext(HEALTH_PATH, this::health);
  }

  /** {@code GET /healthz}: 200 while the server dispatches requests; no account, no action, not logged. */
  public static final String HEALTH_PATH = "/healthz";

  private void health(HttpExchange ex) throws IOException {
    byte[] ok = "ok\n".getBytes(StandardCharsets.US_ASCII);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(200, ok.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(ok);
    }
  }

  /**
   * True when this server answers {@code GET /healthz} on its own address within {@code timeout}:
   * its dispatcher and worker threads serve. A wildcard address is asked on loopback. Over HTTPS
   * the server is asking itself, so its certificate is not checked.
   */
  public boolean answers(java.time.Duration timeout) {
    InetSocketAddress a = address();
    java.net.InetAddress host = a.getAddress().isAnyLocalAddress() ? java.net.InetAddress.getLoopbackAddress()
        : a.getAddress();
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL(scheme(),
          host.getHostAddress().contains(":") ? "[" + host.getHostAddress() + "]" : host.getHostAddress(), a.getPort(),
          HEALTH_PATH).openConnection(java.net.Proxy.NO_PROXY);
      if (c instanceof javax.net.ssl.HttpsURLConnection https) {
        https.setSSLSocketFactory(SelfTrust.CONTEXT.getSocketFactory());
        https.setHostnameVerifier((name, session) -> true);
      }
      c.setConnectTimeout((int) timeout.toMillis());
      c.setReadTimeout((int) timeout.toMillis());
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Trusts any certificate: only for {@link #answers}, the server asking itself. */
  private static final class SelfTrust {
    static final SSLContext CONTEXT = context();

    private static SSLContext context() {
      javax.net.ssl.X509TrustManager any = new javax.net.ssl.X509TrustManager() {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
          return new java.security.cert.X509Certificate[0];
        }
      };
      try {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new javax.net.ssl.TrustManager[] {any}, null);
        return c;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("no TLS in this JDK", e);
      }
    }
  }

  /**
   * Also answers {@code actions} when called with {@code version} (another product's API
   * version, e.g. the VPC API's 2016-04-28); other actions of that version are not found.
   */
  public ApiServer alsoServe(String version, Set<String> actions) {
    otherVersions.put(version, Set.copyOf(actions));
    return this;
  }

  /**
   * Also serves {@code path} (and below) with {@code handler}, outside the API: no signature,
   * no account, not on the access log (e.g. the console pages, which carry their own one-time tickets).
   */
  public ApiServer serve(String path, com.sun.net.httpserver.HttpHandler handler) {
    http.createContext(path, handler);
    return this;
  }

  public void start() {
    http.start();
  }

  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return http instanceof HttpsServer ? "https" : "http";
  }

  private void handle(HttpExchange ex) throws IOException {
    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    String action = null;
    String account = null;
    String errorCode = null;
    long t0 = System.nanoTime();
    int status;
    ObjectNode body;
    try {
      byte[] raw = readBody(ex);
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
      Map<String, String> params = new LinkedHashMap<>();
      String query = ex.getRequestURI().getRawQuery();
      if (query != null) {
        if (query.length() > limits.maxBodyBytes()) {
          throw EcsException.badRequest("InvalidParameter",
              "The request's query is longer than " + limits.maxBodyBytes() + " characters.");
        }
        params.putAll(decodeForm(query));
      }
      String contentType = headers.getOrDefault("Content-Type", "").toLowerCase(Locale.ROOT);
      if (raw.length > 0 && contentType.startsWith("application/x-www-form-urlencoded")) {
        params.putAll(decodeForm(new String(raw, StandardCharsets.UTF_8)));
      }
      if (params.size() > limits.maxParameters()) {
        throw EcsException.badRequest("InvalidParameter",
            "The request has " + params.size() + " parameters; at most " + limits.maxParameters() + " are accepted.");
      }
      AuthRequest ar = new AuthRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(), params, headers, raw);
      action = params.getOrDefault("Action", headers.get("x-acs-action"));
      if (action == null || action.isEmpty()) {
        throw EcsException.missing("Action");
      }
      String version = params.getOrDefault("Version", headers.getOrDefault("x-acs-version", VERSION));
      if (!VERSION.equals(version)) {
        Set<String> served = otherVersions.get(version);
        if (served == null) {
          throw EcsException.badRequest("InvalidVersion", "Specified parameter Version is not valid: " + version);
        }
        if (!served.contains(action)) {
          throw EcsException.notFound("InvalidAction.NotFound",
              "Specified api is not found, please check your url and method.");
        }
      }
      if ("XML".equalsIgnoreCase(params.get("Format"))) {
        throw EcsException.badRequest("InvalidParameter.Format", "ecsbox answers in JSON only: send Format=JSON.");
      }
      String keyId = auth.authenticate(ar);
      account = accounts.accountOf(keyId);
      if (!limits.throttle().tryAcquire(account)) {
        throw EcsException.badRequest("Throttling", "Request was denied due to request throttling.");
      }
      ActionHandler h = actions.find(action).orElseThrow(() -> EcsException.notFound(
          "InvalidAction.NotFound", "Specified api is not found, please check your url and method."));
      String region = params.getOrDefault("RegionId", params.get("regionId"));
      if (region != null && !region.isEmpty() && !region.equals(regionId) && !"DescribeRegions".equals(action)) {
        throw EcsException.notFound("InvalidRegionId.NotFound",
            "The specified RegionId " + region + " does not exist; this ecsbox region is " + regionId + ".");
      }
      String host = headers.getOrDefault("Host", "127.0.0.1");
      body = h.handle(new ApiRequest(account, action, new Params(params), requestId, host));
      status = 200;
    } catch (EcsException | ServiceException se) {
      EcsException e = se instanceof ServiceException s ? ErrorCodes.toEcs(s) : (EcsException) se;
      status = e.httpStatus();
      errorCode = e.code();
      body = error(requestId, e.code(), e.getMessage(), ex);
      if (status >= 500) {
        log.error("{} {} failed", action, requestId, e);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // An Error too: a request left unanswered hangs its client until its own timeout.
      status = 500;
      errorCode = "InternalError";
      body = error(requestId, errorCode,
          "The request processing has failed due to some unknown error, exception or failure.", ex);
      log.error("{} {} failed", action, requestId, e);
    }
    if (status < 400) {
      // RequestId first, like ECS.
      ObjectNode out = Json.object().put("RequestId", requestId);
      out.setAll(body);
      body = out;
    }
    try {
      byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
      ex.getResponseHeaders().put("Content-Type", List.of("application/json;charset=utf-8"));
      ex.getResponseHeaders().put("x-acs-request-id", List.of(requestId));
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    } finally {
      // also when the client left before the answer was written: the call was made
      access.finished(requestId, account, action, status, errorCode, System.nanoTime() - t0);
    }
  }

  /**
   * The body, at most {@code maxBodyBytes}; a larger one is read on and dropped (up to 64 MiB,
   * beyond that the connection closes after the answer) and refused.
   */
  private byte[] readBody(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    byte[] raw = in.readNBytes(limits.maxBodyBytes() + 1);
    if (raw.length <= limits.maxBodyBytes()) {
      return raw;
    }
    // read, not skip: the JDK's body stream passes skip to the socket, past the body's end
    byte[] sink = new byte[64 << 10];
    long dropped = 0;
    for (int n; dropped < MAX_DRAINED && (n = in.read(sink)) > 0; ) {
      dropped += n;
    }
    if (dropped >= MAX_DRAINED) {
      ex.getResponseHeaders().put("Connection", List.of("close"));
    }
    throw EcsException.badRequest("InvalidParameter",
        "The request body is larger than " + limits.maxBodyBytes() + " bytes.");
  }

  private static Map<String, String> decodeForm(String form) {
    try {
      return PercentEncoding.decodeForm(form);
    } catch (IllegalArgumentException e) {
      // URLDecoder on a stray '%': the client's mistake, not ours
      throw EcsException.badRequest("InvalidParameter", "The request's parameters are not valid URL encoding.");
    }
  }

  private static ObjectNode error(String requestId, String code, String message, HttpExchange ex) {
    return Json.object().put("RequestId", requestId)
        .put("HostId", ex.getRequestHeaders().getFirst("Host") == null ? "" : ex.getRequestHeaders().getFirst("Host"))
        .put("Code", code).put("Message", message)
        .put("Recommend", "");
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
