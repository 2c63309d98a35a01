package io.ecsbox.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the authenticator needs from one HTTP request; the HTTP layer fills it.
 *
 * <p>{@code parameters} are the decoded query parameters merged with the decoded form body,
 * exactly as the client sent them (nothing added, e.g. no Action taken from a header).
 * Header lookup ignores case. The body is the raw bytes (empty, never null), used for the V3
 * payload hash and to tell form-body parameters from query parameters. Immutable copies.
 */
public record AuthRequest(String method, String path, Map<String, String> parameters,
    Map<String, String> headers, byte[] body) {

  public AuthRequest {
    method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
    path = path == null || path.isEmpty() ? "/" : path;
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    TreeMap<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((k, v) -> ci.putIfAbsent(k, v));
    }
    headers = Collections.unmodifiableMap(ci);
    body = body == null ? new byte[0] : body.clone();
  }

  /** The header's value, looked up without regard to case. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The parameter's value, or empty when absent or blank (blank counts as not supplied). */
  public Optional<String> parameter(String name) {
    String v = parameters.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** The raw body. A copy: callers may not change the request. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Parameters that came from an {@code application/x-www-form-urlencoded} body. */
  Map<String, String> formBodyParameters() {
    String type = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (body.length == 0 || !type.startsWith("application/x-www-form-urlencoded")) {
      return Map.of();
    }
    return PercentEncoding.decodeForm(new String(body, StandardCharsets.UTF_8));
  }
}
