package io.ecsbox.host.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The little HTTP/1.x the metadata service speaks: one request per connection (GET or PUT,
 * headers only; a small body is read and dropped), one answer with Content-Length and
 * {@code Connection: close}. Bounded: {@link #MAX_HEAD} bytes of request line and headers,
 * and a deadline for the whole request, so a slow or hostile guest cannot hold a thread.
 */
final class MetadataHttp {
  static final int MAX_HEAD = 8192;
  static final int MAX_BODY = 4096;

  /** A parsed request: method, decoded path (no query), headers by lower-case name. */
  record Request(String method, String path, Map<String, String> headers) {}

  /** A request that cannot be answered normally; {@code status} is what to send. */
  static final class BadRequest extends IOException {
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private MetadataHttp() {}

  /**
   * Reads one request; null if the peer closed before sending anything. {@code deadline} is
   * in {@code nanos()} time; the socket's own read timeout bounds each read.
   */
  static Request read(InputStream in, LongSupplier nanos, long deadline) throws IOException {
    int[] budget = {MAX_HEAD};
    String requestLine = line(in, budget, nanos, deadline);
    if (requestLine == null) {
      return null;
    }
    String[] rl = requestLine.split(" ");
    if (rl.length != 3 || !rl[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "bad request line");
    }
    Map<String, String> headers = new HashMap<>();
    for (String h = line(in, budget, nanos, deadline); ; h = line(in, budget, nanos, deadline)) {
      if (h == null) {
        throw new BadRequest(400, "headers cut short");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "bad header line");
      }
      headers.merge(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    if (headers.containsKey("transfer-encoding")) {
      throw new BadRequest(400, "chunked bodies are not accepted");
    }
    long length;
    try {
      length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (length < 0 || length > MAX_BODY) {
      throw new BadRequest(400, "body too large");
    }
    for (long i = 0; i < length; i++) {
      checkDeadline(nanos, deadline);
      if (in.read() < 0) {
        throw new BadRequest(400, "body cut short");
      }
    }
    return new Request(rl[0], path(rl[1]), headers);
  }

  /** Writes the answer and flushes. */
  static void write(OutputStream out, MetadataReply r) throws IOException {
    String head = "HTTP/1.1 " + r.status() + " " + MetadataReply.reason(r.status()) + "\r\n"
        + "Content-Type: " + r.contentType() + "\r\n"
        + "Content-Length: " + r.body().length + "\r\n"
        + "Connection: close\r\n"
        + "Server: ecsbox-metadata\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(r.body());
    out.flush();
  }

  private static String path(String target) throws BadRequest {
    try {
      String p = new URI(target).getPath();
      if (p == null || !p.startsWith("/")) {
        throw new BadRequest(400, "bad request target");
      }
      return p;
    } catch (URISyntaxException e) {
      throw new BadRequest(400, "bad request target");
    }
  }

  /** One line without its CRLF (a bare LF is accepted); null at end of stream before any byte. */
  private static String line(InputStream in, int[] budget, LongSupplier nanos, long deadline) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      checkDeadline(nanos, deadline);
      int c = in.read();
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      }
      if (--budget[0] < 0) {
        throw new BadRequest(431, "request head larger than " + MAX_HEAD + " bytes");
      }
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
  }

  private static void checkDeadline(LongSupplier nanos, long deadline) throws BadRequest {
    if (nanos.getAsLong() - deadline > 0) {
      throw new BadRequest(408, "request took too long");
    }
  }
}
