package io.ecsbox.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How a signed call reaches the daemon: one POST with no body, answered by a status and a body.
 * A connect timeout is thrown as {@link java.net.http.HttpConnectTimeoutException}, an answer
 * that does not come in time as {@link java.net.http.HttpTimeoutException}.
 */
@FunctionalInterface
public interface Transport {
  /** The HTTP answer. */
  record Answer(int status, String body) {}

  Answer post(URI uri, Map<String, String> headers, Duration timeout) throws IOException, InterruptedException;
}
