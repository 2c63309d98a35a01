package io.ecsbox.api;

import io.ecsbox.common.Metrics;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every API call ends: one INFO line on the {@value #LOGGER} logger and the API metrics,
 * from the same facts. The line holds the request id, the caller's account ({@code -} before
 * authentication), the Action, the HTTP status, the ECS error code ({@code -} on success) and
 * the duration; never a parameter, a key, a signature or user data.
 */
final class AccessLog {
  static final String LOGGER = "io.ecsbox.access";
  /** The metrics label of a call without an Action. */
  static final String NO_ACTION = "none";
  /** The metrics label of an Action not served: user text must not make new series. */
  static final String UNKNOWN_ACTION = "unknown";
  private static final int SHOWN_ACTION_CHARS = 64;
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final Predicate<String> served;
  private final Metrics metrics;

  /** @param served true for an Action the API serves */
  AccessLog(Predicate<String> served, Metrics metrics) {
    this.served = served;
    this.metrics = metrics;
  }

  /** Logs and counts one answered call; {@code account} and {@code errorCode} may be null. */
  void finished(String requestId, String account, String action, int status, String errorCode, long nanos) {
    metrics.apiRequest(label(action), status, errorCode, nanos);
    if (log.isInfoEnabled()) {
      log.info(line(requestId, account, action, status, errorCode, nanos));
    }
  }

  /** The Action as a metrics label: itself when served, else {@value #NO_ACTION} or {@value #UNKNOWN_ACTION}. */
  String label(String action) {
    if (action == null || action.isEmpty()) {
      return NO_ACTION;
    }
    return served.test(action) ? action : UNKNOWN_ACTION;
  }

  /** The access line: {@code request=ID account=A action=X status=N error=CODE ms=N}. */
  static String line(String requestId, String account, String action, int status, String errorCode, long nanos) {
    return "request=" + requestId + " account=" + orDash(account) + " action=" + shown(action) + " status=" + status
        + " error=" + orDash(errorCode) + " ms=" + nanos / 1_000_000;
  }

  /** The Action as the caller sent it, cut to 64 characters and with anything but A-Z, a-z, 0-9, '.', '_', '-' as '?'. */
  static String shown(String action) {
    if (action == null || action.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    action.codePoints().limit(SHOWN_ACTION_CHARS).forEach(c -> sb.append(
        c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? (char) c : '?'));
    return action.codePointCount(0, action.length()) > SHOWN_ACTION_CHARS ? sb + "..." : sb.toString();
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
