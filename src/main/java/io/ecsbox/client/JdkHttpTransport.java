package io.ecsbox.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** The JDK's HttpClient: a pool of kept-alive connections, for clients that make many calls at once. */
final class JdkHttpTransport implements Transport {
  private final HttpClient http;

  JdkHttpTransport(Duration connectTimeout) {
    this(connectTimeout, Optional.empty());
  }

  /** @param tls the TLS context for https endpoints, else the JDK's default */
  JdkHttpTransport(Duration connectTimeout, Optional<SSLContext> tls) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER);
    tls.ifPresent(b::sslContext);
    http = b.build();
  }

  @Override
  public Answer post(URI uri, Map<String, String> headers, Duration timeout) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }
}
