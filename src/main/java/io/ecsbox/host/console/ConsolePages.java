package io.ecsbox.host.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ecsbox.agent.ConsoleGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console pages under {@link #PATH}: {@code vnc?vncUrl=…[&password=…]} (noVNC) and
 * {@code serial?vncUrl=…} (xterm.js), each shown once per ticket and only before it expires,
 * else a refusal page (HTTP 403); and, read-only, the files of Debian's {@code novnc} and
 * {@code node-xterm} packages. The page opens its WebSocket on the console proxy's port of the
 * host the browser used, whatever host {@code vncUrl} names.
 */
public final class ConsolePages implements HttpHandler {
  /** Where the pages are served. */
  public static final String PATH = "/console/";
  /** Debian's novnc package. */
  public static final Path NOVNC = Path.of("/usr/share/novnc");
  /** xterm.js's modules and CSS, from Debian's node-xterm package. */
  public static final Path XTERM = Path.of("/usr/share/nodejs/xterm/lib");

  private static final Pattern TICKET = Pattern.compile("(?:^|[?&])s=([A-Za-z0-9_-]{16,128})(?:&|$)");
  private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{1,8}");
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript", "css", "text/css",
      "html", "text/html; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
      "json", "application/json", "ttf", "font/ttf", "woff", "font/woff");

  private final ConsoleGate gate;
  private final int proxyPort;
  private final boolean tls;
  private final Map<String, Path> assets;

  /**
   * @param proxyPort the {@link ConsoleProxy}'s port
   * @param tls       whether the proxy speaks TLS (wss)
   */
  public ConsolePages(ConsoleGate gate, int proxyPort, boolean tls, Path novnc, Path xterm) {
    this.gate = gate;
    this.proxyPort = proxyPort;
    this.tls = tls;
    this.assets = Map.of("novnc", novnc, "xterm-lib", xterm);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        send(ex, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String rest = ex.getRequestURI().getPath().substring(PATH.length());
      switch (rest) {
        case "vnc" -> page(ex, ConsoleGate.Kind.VNC, "vnc.html");
        case "serial" -> page(ex, ConsoleGate.Kind.SERIAL, "serial.html");
        default -> asset(ex, rest);
      }
    }
  }

  private void page(HttpExchange ex, ConsoleGate.Kind kind, String template) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    Optional<ConsoleGate.Target> target = ticket(q.get("vncUrl")).flatMap(t -> gate.showPage(t)
        .filter(g -> g.kind() == kind).map(g -> {
          q.put("ticket", t);
          return g;
        }));
    if (target.isEmpty()) {
      send(ex, 403, TYPES.get("html"), resource("refused.html").getBytes(StandardCharsets.UTF_8));
      return;
    }
    String host = hostOf(ex.getRequestHeaders().getFirst("Host"));
    String url = (tls ? "wss://" : "ws://") + host + ":" + proxyPort + ConsoleProxy.PATH + "?s=" + q.get("ticket");
    String password = q.getOrDefault("password", "");
    String config = "{\"url\":\"" + url + "\",\"instance\":\"" + target.get().instanceId() + "\",\"password\":\""
        + (PASSWORD.matcher(password).matches() ? password : "") + "\"}";
    String html = resource(template).replace("{{INSTANCE}}", target.get().instanceId()).replace("{{CONFIG}}", config);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    send(ex, 200, TYPES.get("html"), html.getBytes(StandardCharsets.UTF_8));
  }

  private void asset(HttpExchange ex, String rest) throws IOException {
    int slash = rest.indexOf('/');
    Path root = slash < 0 ? null : assets.get(rest.substring(0, slash));
    if (root == null) {
      send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.US_ASCII));
      return;
    }
    Path file = root.resolve(rest.substring(slash + 1)).normalize();
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    if (!file.startsWith(root) || type == null || !Files.isRegularFile(file)) {
      String what = Files.isDirectory(root) ? "not found\n"
          : root + " is missing: install Debian's " + (root.equals(assets.get("novnc")) ? "novnc" : "node-xterm") + " package\n";
      send(ex, 404, "text/plain", what.getBytes(StandardCharsets.UTF_8));
      return;
    }
    ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
    send(ex, 200, type, Files.readAllBytes(file));
  }

  /** The ticket ({@code s=}) in a console URL as ECS gives it: URL-encoded, or already decoded. */
  static Optional<String> ticket(String vncUrl) {
    if (vncUrl == null) {
      return Optional.empty();
    }
    String url = vncUrl.contains("%") ? URLDecoder.decode(vncUrl, StandardCharsets.UTF_8) : vncUrl;
    int q = url.indexOf('?');
    Matcher m = TICKET.matcher(q < 0 ? "" : url.substring(q));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  // the host part of a Host header (an IPv6 literal keeps its brackets); only host characters pass
  static String hostOf(String header) {
    String h = header == null ? "" : header.strip();
    String host = h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1)
        : h.contains(":") ? h.substring(0, h.indexOf(':')) : h;
    return host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]") ? host : "localhost";
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          m.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return m;
  }

  private static String resource(String name) {
    try (InputStream in = ConsolePages.class.getResourceAsStream("/io/ecsbox/console/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
