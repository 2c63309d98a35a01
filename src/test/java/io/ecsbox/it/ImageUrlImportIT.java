package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.ImportImageRequest;
import com.aliyuncs.exceptions.ClientException;
import com.sun.net.httpserver.HttpServer;
import io.ecsbox.cli.Main;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Waiter;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsClient;
import io.ecsbox.host.files.ImageFiles;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ImportImage from an http URL served by this test on the loopback interface (no traffic leaves
 * the machine): progress while it downloads, the SHA-256 checked before the image is Available,
 * a mismatch failing it without leftovers, and `ecsbox image import NAME` through a catalog.
 */
class ImageUrlImportIT {
  private static EcsboxHarness h;
  private static HttpServer server;
  private static byte[] tiny;
  private static String tinySha;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("urlimport");
    Path file = h.dataDir().resolve("images/system/" + EcsboxHarness.IMAGE_ID + ".qcow2");
    tiny = Files.readAllBytes(file);
    tinySha = ImageFiles.sha256(file);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/slow/tiny.qcow2", ex -> { // about 2 s: long enough to watch the progress
      ex.sendResponseHeaders(200, tiny.length);
      try (OutputStream out = ex.getResponseBody()) {
        int step = Math.max(1, tiny.length / 20);
        for (int off = 0; off < tiny.length; off += step) {
          out.write(tiny, off, Math.min(step, tiny.length - off));
          out.flush();
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.createContext("/tiny.qcow2", ex -> {
      ex.sendResponseHeaders(200, tiny.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(tiny);
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (h != null) {
      h.close();
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void aVerifiedDownloadShowsProgressAndBecomesAvailable() throws Exception {
    String id = importUrl(url("/slow/tiny.qcow2"), tinySha);
    List<String> seen = new ArrayList<>();
    DescribeImagesResponse.Image img = h.waitUntil("import of " + id, Duration.ofSeconds(60), () -> {
      DescribeImagesResponse.Image i = describe(id);
      seen.add(i.getStatus() + " " + i.getProgress());
      return i;
    }, i -> !"Creating".equals(i.getStatus()), null);
    assertEquals("Available", img.getStatus(), seen.toString());
    assertTrue(seen.stream().anyMatch(s -> s.matches("Creating ([1-9]|[1-4][0-9])%")),
        "a download percent between 1 and 49 was visible: " + seen);
    assertTrue(Files.isRegularFile(h.dataDir().resolve("images/custom/" + id + ".qcow2")));
    assertEquals(List.of(id + ".qcow2"), customFiles(id), "the download itself is gone");
  }

  @Test
  void aChecksumMismatchFailsWithTheReasonAndLeavesNothing() throws Exception {
    String wrong = "0".repeat(64);
    String id = importUrl(url("/tiny.qcow2"), wrong);
    DescribeImagesResponse.Image img = h.waitUntil("import of " + id, Duration.ofSeconds(60), () -> describe(id),
        i -> !"Creating".equals(i.getStatus()), null);
    assertEquals("CreateFailed", img.getStatus());
    Map<String, String> p = h.raw().params("DescribeImages");
    p.put("ImageId", id);
    p.put("Status", "CreateFailed");
    String why = h.raw().send(p).body().path("Images").path("Image").get(0).path("ErrorMessage").asText();
    assertEquals("SHA256 mismatch: expected " + wrong + ", got " + tinySha, why);
    assertEquals(List.of(), customFiles(id));
  }

  @Test
  void theCliImportsACatalogNameThroughTheDaemon() throws Exception {
    Path catalog = h.dataDir().resolve("test-catalog.json");
    Files.writeString(catalog, "{\"Images\":[{\"Name\":\"tiny-web\",\"ImageName\":\"tiny-web\","
        + "\"OSType\":\"linux\",\"Platform\":\"Others Linux\",\"Format\":\"qcow2\",\"Url\":\"" + url("/tiny.qcow2")
        + "\",\"Checksum\":\"sha256:" + tinySha + "\"}]}");
    Map<String, String> env = Map.of("ECSBOX_ENDPOINT", h.endpoint(), "ECSBOX_ACCESS_KEY_ID", h.accessKeyId(),
        "ECSBOX_ACCESS_KEY_SECRET", h.accessKeySecret(), "ECSBOX_IMAGE_CATALOG", catalog.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        () -> EcsClient.of(ClientConfig.resolve(env, h.dataDir()))::call, Clock.systemUTC(), Waiter.THREAD_SLEEPER,
        false, env);
    int exit = Main.run(ctx, "image", "import", "tiny-web", "--wait", "--timeout", "60");
    assertEquals(0, exit, out + "\n" + err);
    String id = out.toString().strip();
    DescribeImagesResponse.Image img = describe(id);
    assertEquals("Available", img.getStatus());
    assertEquals("tiny-web", img.getImageName());
  }

  private static String importUrl(String url, String sha256) throws Exception {
    ImportImageRequest imp = new ImportImageRequest();
    imp.setImageName("from-url");
    imp.putQueryParameter("Sha256", sha256); // an ecsbox extension the SDK model does not have
    ImportImageRequest.DiskDeviceMapping m = new ImportImageRequest.DiskDeviceMapping();
    m.setOSSObject(url);
    imp.setDiskDeviceMappings(List.of(m));
    return h.call(imp).getImageId();
  }

  private static DescribeImagesResponse.Image describe(String id) {
    DescribeImagesRequest r = new DescribeImagesRequest();
    r.setImageId(id);
    r.setStatus("Creating,Available,CreateFailed");
    try {
      return h.call(r).getImages().get(0);
    } catch (ClientException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> customFiles(String id) throws Exception {
    try (Stream<Path> s = Files.list(h.dataDir().resolve("images/custom"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id)).sorted().toList();
    }
  }
}
