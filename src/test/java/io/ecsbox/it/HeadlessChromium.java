package io.ecsbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol: open a page, wait (in real time)
 * until a script expression on it has a value, read the DOM, take a screenshot. The tests' browser;
 * {@code chromium --screenshot} alone shoots before a WebSocket page has drawn anything.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final Path profile;
  private final WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  HeadlessChromium(Path profile) throws Exception {
    this.profile = profile;
    process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--window-size=1024,640", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String browser = devToolsUrl();
    HttpClient http = HttpClient.newHttpClient();
    URI list = URI.create("http://" + URI.create(browser).getAuthority() + "/json/list");
    JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    String pageWs = null;
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asText())) {
        pageWs = t.path("webSocketDebuggerUrl").asText();
      }
    }
    page = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).get(10, TimeUnit.SECONDS);
  }

  /** Loads {@code url} and waits until the new document has loaded. */
  void open(String url) throws Exception {
    eval("window.ecsboxOld = true");
    call("Page.navigate", Map.of("url", url));
    waitFor("window.ecsboxOld !== true && document.readyState === 'complete'", "true"::equals,
        Duration.ofSeconds(30));
  }

  /** Waits until {@code expression} evaluated on the page (as JSON text) passes {@code done}; returns it. */
  String waitFor(String expression, Predicate<String> done, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String value = null;
    while (System.nanoTime() < end) {
      value = eval(expression);
      if (done.test(value)) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the page's " + expression + " stayed " + value + " for " + timeout);
  }

  /** {@code expression}'s value on the page, as JSON text. */
  String eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    return r.path("result").path("value").toString();
  }

  /** The page's DOM as HTML. */
  String dom() throws Exception {
    return JSON.readTree(eval("document.documentElement.outerHTML")).asText();
  }

  /** Saves a PNG screenshot of the page to {@code png}. */
  void screenshot(Path png) throws Exception {
    JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", JSON.valueToTree(params));
    page.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
    JsonNode r = answer.get(30, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IOException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr
  private String devToolsUrl() throws IOException {
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    for (String line; (line = err.readLine()) != null; ) {
      int at = line.indexOf("ws://");
      if (line.startsWith("DevTools listening on") && at >= 0) {
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return line.substring(at).strip();
      }
    }
    throw new IOException("chromium exited without a DevTools address");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(text.toString());
          CompletableFuture<JsonNode> f = m.has("id") ? pending.remove(m.get("id").asInt()) : null;
          if (f != null) {
            f.complete(m);
          }
        } catch (IOException e) {
          // not JSON: ignore
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    page.abort();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EcsboxHarness.deleteTree(profile);
  }
}
