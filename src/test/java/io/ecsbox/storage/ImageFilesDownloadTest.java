package io.ecsbox.storage;

import io.ecsbox.host.files.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against an HTTP server on the loopback interface: no traffic leaves this machine. */
class ImageFilesDownloadTest {
  private static final DownloadLimits LIMITS = new DownloadLimits(1 << 24, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(60));
  @TempDir Path dir;
  private HttpServer server;
  private final byte[] body = new byte[3 * (1 << 20) + 5];
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpClient http;

  @BeforeEach
  void start() throws IOException {
    new Random(7).nextBytes(body);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/disk.qcow2", ex -> {
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().set("Location", "/disk.qcow2");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/chunked", ex -> {
      ex.sendResponseHeaders(200, 0); // no Content-Length
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/stall", ex -> {
      ex.sendResponseHeaders(200, body.length);
      OutputStream out = ex.getResponseBody();
      out.write(body, 0, 1000);
      out.flush();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.createContext("/trickle", ex -> { // 3 s in all, never 2 s without a byte
      ex.sendResponseHeaders(200, 10 * 1000);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 10; i++) {
          out.write(body, i * 1000, 1000);
          out.flush();
          Thread.sleep(300);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.createContext("/mute", ex -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    http = ImageFiles.httpClient(LIMITS);
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void downloadsThroughARedirectWithDigestAndProgress() throws Exception {
    Path dst = dir.resolve("disk");
    List<Long> seen = new ArrayList<>();
    String sha = ImageFiles.download(http, url("/moved"), dst, LIMITS, "SHA-256", seen::add);
    assertArrayEquals(body, Files.readAllBytes(dst));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), sha);
    assertEquals(0L, seen.get(0));
    assertEquals(100L, seen.get(seen.size() - 1));
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) > seen.get(i - 1), "increasing: " + seen);
    }
    assertFalse(Files.exists(ImageFiles.partOf(dst)));
  }

  @Test
  void aBodyWithoutLengthIsCappedToo() throws Exception {
    Path dst = dir.resolve("disk");
    assertEquals(null, ImageFiles.download(http, url("/chunked"), dst, LIMITS, null, p -> {}));
    assertEquals(body.length, Files.size(dst));
    DownloadLimits small = new DownloadLimits(1 << 20, LIMITS.connectTimeout(), LIMITS.idleTimeout(), LIMITS.totalTimeout());
    Path other = dir.resolve("other");
    IOException e = assertThrows(IOException.class,
        () -> ImageFiles.download(http, url("/chunked"), other, small, null, p -> {}));
    assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
    IOException known = assertThrows(IOException.class,
        () -> ImageFiles.download(http, url("/disk.qcow2"), other, small, null, p -> {}));
    assertTrue(known.getMessage().contains("more than the limit"), known.getMessage());
    assertFalse(Files.exists(other));
    assertFalse(Files.exists(ImageFiles.partOf(other)));
  }

  @Test
  void notFoundFailsAndLeavesNothing() {
    Path dst = dir.resolve("disk");
    IOException e = assertThrows(IOException.class,
        () -> ImageFiles.download(http, url("/missing"), dst, LIMITS, "SHA-256", p -> {}));
    assertTrue(e.getMessage().startsWith("HTTP 404"), e.getMessage());
    assertFalse(Files.exists(dst));
    assertFalse(Files.exists(ImageFiles.partOf(dst)));
  }

  @Test
  void aServerThatGoesSilentIsGivenUpOn() {
    Path dst = dir.resolve("disk");
    IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
        () -> ImageFiles.download(http, url("/stall"), dst, LIMITS, null, p -> {})));
    assertTrue(e.getMessage().contains("no data for 2 s"), e.getMessage());
    assertFalse(Files.exists(dst));
    assertFalse(Files.exists(ImageFiles.partOf(dst)));
  }

  @Test
  void aSlowButSteadyDownloadIsNotCutOff() throws Exception {
    Path dst = dir.resolve("disk");
    ImageFiles.download(http, url("/trickle"), dst, LIMITS, null, p -> {});
    assertEquals(10 * 1000, Files.size(dst));
  }

  @Test
  void aServerThatNeverAnswersIsGivenUpOn() {
    IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
        () -> ImageFiles.download(http, url("/mute"), dir.resolve("disk"), LIMITS, null, p -> {})));
    assertTrue(e.getMessage().contains("no answer from"), e.getMessage());
  }

  @Test
  void fetchesASmallText() throws Exception {
    server.createContext("/SHA256SUMS", ex -> {
      byte[] b = "abc  x\n".getBytes();
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    assertEquals("abc  x\n", ImageFiles.fetchText(http, url("/SHA256SUMS"), LIMITS, 100));
    assertThrows(IOException.class, () -> ImageFiles.fetchText(http, url("/disk.qcow2"), LIMITS, 100));
  }
}
