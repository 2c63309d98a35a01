package io.ecsbox.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * {@link HttpURLConnection}, one connection per call ({@code Connection: close}, so a POST is never
 * re-sent on a stale one): for a command that makes a few calls in a row, it starts in a tenth of
 * the CPU time of the JDK's HttpClient, which sets up TLS and a selector thread even for http.
 */
final class UrlConnectionTransport implements Transport {
  private final Duration connectTimeout;
  private final Optional<SSLContext> tls;

  UrlConnectionTransport(Duration connectTimeout) {
    this(connectTimeout, Optional.empty());
  }

  /** @param tls the TLS context for https endpoints, else the JDK's default */
  UrlConnectionTransport(Duration connectTimeout, Optional<SSLContext> tls) {
    this.connectTimeout = connectTimeout;
    this.tls = tls;
  }

  @Override
  public Answer post(URI uri, Map<String, String> headers, Duration timeout) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY); // as HttpClient
    if (c instanceof HttpsURLConnection https && tls.isPresent()) {
      https.setSSLSocketFactory(tls.get().getSocketFactory());
    }
    try {
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout((int) connectTimeout.toMillis());
      c.setReadTimeout((int) timeout.toMillis());
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(0);
      headers.forEach(c::setRequestProperty);
      c.setRequestProperty("Connection", "close");
      try {
        c.connect();
      } catch (SocketTimeoutException e) {
        throw new HttpConnectTimeoutException("connect timed out: " + uri.getAuthority());
      }
      try (OutputStream none = c.getOutputStream()) {
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (SocketTimeoutException e) {
        throw new HttpTimeoutException("request timed out");
      }
    } finally {
      c.disconnect();
    }
  }
}
