package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The consoles in the browser, on one real tiny guest: headless Chromium (Debian's package) opens the
 * VNC URL, noVNC connects through the daemon's WebSocket proxy to the guest's VNC unix socket, and a
 * screenshot (kept as target/console-it/vnc.png) shows the guest's screen; a reused or expired URL gets
 * the refusal page; another account gets InvalidInstanceId.NotFound and no URL. The serial console's
 * WebSocket carries the guest's shell prompt out and a typed command in (seen in the console log),
 * and the serial page connects in Chromium too. Last, ModifyInstanceVncPasswd: a malformed password
 * is refused, then the page asks for the password it sets and connects with it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  private static final Path ARTIFACTS = Path.of("target/console-it");
  // how many colours noVNC's canvas shows (sampled)
  private static final String CANVAS_COLOURS = "(() => { const c = document.querySelector('#screen canvas');"
      + " if (!c || !c.width) return 0; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
      + " const s = new Set(); for (let i = 0; i < d.length; i += 4 * 31) s.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);"
      + " return s.size; })()";
  private static HeadlessChromium browser;
  private static EcsboxHarness h;
  private static AccountClient a;
  private static AccountClient b;
  private static String id;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void boot() throws Exception {
    h = EcsboxHarness.start("console");
    a = AccountClient.create(h, "console-a");
    b = AccountClient.create(h, "console-b");
    Map<String, String> p = a.raw().params("RunInstances");
    p.putAll(Map.of("ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO, "Amount", "1"));
    RawApi.Response r = a.raw().send(p);
    assertEquals(200, r.status(), r.body().toString());
    id = r.body().path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
    h.track(List.of(id));
    a.waitForConsoleLine(id, EcsboxHarness.READY, EcsboxHarness.BOOT);
    Files.createDirectories(ARTIFACTS);
    browser = new HeadlessChromium(Files.createTempDirectory(ARTIFACTS, "chromium-"));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (h != null) {
      if (id != null) {
        Map<String, String> p = a.raw().params("DeleteInstance");
        p.putAll(Map.of("InstanceId", id, "Force", "true"));
        a.raw().send(p);
        a.waitUntilGone(id, Duration.ofSeconds(120));
      }
      h.close();
    }
  }

  @Test
  void theVncPageConnectsAndShowsTheGuestScreen() throws Exception {
    String page = page("vnc", url("DescribeInstanceVncUrl", "VncUrl"));
    browser.open(page);
    assertEquals("connected", settledState());
    // noVNC draws the guest's screen on its canvas: wait until it shows more than one colour
    browser.waitFor(CANVAS_COLOURS, v -> Integer.parseInt(v) >= 2, Duration.ofSeconds(30));
    Path png = ARTIFACTS.resolve("vnc.png");
    browser.screenshot(png);
    BufferedImage img = ImageIO.read(png.toFile());
    Set<Integer> colours = new HashSet<>();
    for (int y = 40; y < img.getHeight(); y += 2) { // below the page's status bar: the guest's screen
      for (int x = 0; x < img.getWidth(); x += 2) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() >= 3, "the screenshot shows " + colours.size() + " colours: no guest screen");

    browser.open(page); // the same URL again
    assertEquals("refused", settledState(), browser.dom());
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(page)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, again.statusCode());
    assertTrue(again.body().contains("cannot be opened"), again.body());
  }

  @Test
  void anExpiredUrlIsRefused() throws Exception {
    String encoded = url("DescribeInstanceVncUrl", "VncUrl");
    Thread.sleep(16_000); // ECS's URLs are valid for 15 s
    browser.open(page("vnc", encoded));
    assertEquals("refused", settledState(), browser.dom());
    WebSocketHandshakeException refused = handshakeRefused(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    assertEquals(404, refused.getResponse().statusCode());
  }

  @Test
  void anotherAccountGetsNoUrl() throws Exception {
    for (String action : List.of("DescribeInstanceVncUrl", "DescribeInstanceSerialConsoleUrl")) {
      Map<String, String> p = b.raw().params(action);
      p.put("InstanceId", id);
      RawApi.Response r = b.raw().send(p);
      assertEquals(404, r.status(), r.body().toString());
      assertEquals("InvalidInstanceId.NotFound", r.code());
      assertFalse(r.body().toString().contains("websockify"), r.body().toString());
    }
  }

  @Test
  void theSerialConsoleCarriesOutputAndInput() throws Exception {
    String ws = URLDecoder.decode(url("DescribeInstanceSerialConsoleUrl", "SerialConsoleUrl"), StandardCharsets.UTF_8);
    StringBuffer seen = new StringBuffer();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onBinary(WebSocket s, ByteBuffer data, boolean last) {
        seen.append(StandardCharsets.UTF_8.decode(data));
        s.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
    socket.sendText("\r", true).get(5, TimeUnit.SECONDS);
    h.waitUntil("the guest's shell prompt on the serial WebSocket", Duration.ofSeconds(30), seen::toString,
        s -> s.contains("root@"), null);
    String word = "hello-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    socket.sendText("echo " + word + "\r", true).get(5, TimeUnit.SECONDS);
    h.waitUntil(word + " echoed back on the WebSocket", Duration.ofSeconds(30), seen::toString,
        s -> EcsboxHarness.count(Pattern.compile("(?m)^" + word + "\\r?$"), s) >= 1, null);
    a.waitForConsoleLine(id, Pattern.compile("(?m)^" + word + "\\r?$"), Duration.ofSeconds(30));
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    // used: the same URL opens nothing again
    assertEquals(404, handshakeRefused(ws).getResponse().statusCode());

    // the serial page in a browser: xterm.js connects, and its Enter brings up the shell prompt
    browser.open(page("serial", url("DescribeInstanceSerialConsoleUrl", "SerialConsoleUrl")));
    assertEquals("connected", settledState(), browser.dom());
    browser.waitFor("document.getElementById('log').textContent", v -> v.contains("root@"), Duration.ofSeconds(30));
  }

  @Test
  @Order(Integer.MAX_VALUE) // last (unordered tests come at MAX_VALUE / 2): the password stays
  void aVncPasswordIsAskedForOnceSet() throws Exception {
    for (String bad : List.of("abc12", "abc1234", "ab c12", "abc_12", "密码abcd")) {
      RawApi.Response r = setVncPassword(a, bad);
      assertEquals(400, r.status(), bad + ": " + r.body());
      assertEquals("InvalidVncPassword.Malformed", r.code());
    }
    assertEquals("InvalidInstanceId.NotFound", setVncPassword(b, "Ab12cd").code());
    assertEquals("connected", vncPage(""), "no password yet: " + browser.dom());

    // the first password applies from the next start (QEMU's VNC server started without one)
    assertEquals(200, setVncPassword(a, "Ab12cd").status());
    restart();
    assertEquals("password", vncPage(""), browser.dom());
    assertEquals("denied", vncPage("&password=Zz9999"), browser.dom());
    assertEquals("connected", vncPage("&password=Ab12cd"), browser.dom());
    browser.waitFor(CANVAS_COLOURS, v -> Integer.parseInt(v) >= 2, Duration.ofSeconds(30));

    // a new one replaces it at once
    assertEquals(200, setVncPassword(a, "Xy34zw").status());
    assertEquals("denied", vncPage("&password=Ab12cd"), browser.dom());
    assertEquals("connected", vncPage("&password=Xy34zw"), browser.dom());
  }

  // the VNC page of a fresh URL (with extra query text), settled
  private static String vncPage(String extra) throws Exception {
    browser.open(page("vnc", url("DescribeInstanceVncUrl", "VncUrl")) + extra);
    return settledState();
  }

  private static void restart() throws Exception {
    for (String action : List.of("StopInstance", "StartInstance")) {
      Map<String, String> p = a.raw().params(action);
      p.put("InstanceId", id);
      if (action.equals("StopInstance")) {
        p.put("ForceStop", "true");
      }
      assertEquals(200, a.raw().send(p).status());
      String want = action.equals("StopInstance") ? "Stopped" : "Running";
      h.waitUntil(id + " " + want, Duration.ofSeconds(120), () -> {
        try {
          return a.describe(id).map(i -> i.getStatus()).orElse("");
        } catch (Exception e) {
          return "";
        }
      }, want::equals, null);
    }
    a.waitForConsoleLine(id, EcsboxHarness.READY, EcsboxHarness.BOOT);
  }

  private static RawApi.Response setVncPassword(AccountClient who, String password) throws Exception {
    Map<String, String> p = who.raw().params("ModifyInstanceVncPasswd");
    p.putAll(Map.of("InstanceId", id, "VncPassword", password));
    return who.raw().send(p);
  }

  // a fresh one-time console URL of A's instance, URL-encoded as the API returns it
  private static String url(String action, String field) throws Exception {
    Map<String, String> p = a.raw().params(action);
    p.put("InstanceId", id);
    RawApi.Response r = a.raw().send(p);
    assertEquals(200, r.status(), r.body().toString());
    String encoded = r.body().path(field).asText();
    assertTrue(URLDecoder.decode(encoded, StandardCharsets.UTF_8).matches("ws://127\\.0\\.0\\.1:\\d+/websockify/\\?s=[A-Za-z0-9_-]+"),
        encoded);
    return encoded;
  }

  private static String page(String kind, String encodedUrl) {
    return h.endpoint() + "/console/" + kind + "?vncUrl=" + encodedUrl;
  }

  private WebSocketHandshakeException handshakeRefused(String ws) throws Exception {
    try {
      http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {}).join().abort();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused;
      }
      throw e;
    }
    throw new AssertionError("the WebSocket opened: " + ws);
  }

  // the page's data-state once it is settled (no longer "connecting")
  private static String settledState() throws Exception {
    String v = browser.waitFor("document.body.dataset.state",
        s -> s.matches("\"(connected|refused|failed|disconnected|denied|password)\""), Duration.ofSeconds(30));
    return v.replace("\"", "");
  }
}
