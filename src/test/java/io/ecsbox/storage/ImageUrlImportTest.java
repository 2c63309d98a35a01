package io.ecsbox.storage;

import io.ecsbox.TestErrors;
import io.ecsbox.host.images.LocalImages;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import io.ecsbox.agent.Checksum;
import io.ecsbox.host.files.ImageFiles;
import io.ecsbox.host.qemuimg.DiskImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.agent.Checksum;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import io.ecsbox.store.Database;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImportImage from a URL on a loopback HTTP server, with a fake qemu-img: checksums, progress, failures. */
class ImageUrlImportTest {
  @TempDir Path dir;
  private Database db;
  private ImageStore store;
  private ImageService images;
  private HttpServer server;
  private final byte[] disk = new byte[2 * (1 << 20) + 11];
  private final List<Integer> progress = new ArrayList<>();
  private LocalImages agent;

  /**
   * qemu-img stand-in (a proxy, so new DiskImages methods do not break it): converts by copying,
   * reports the size as the virtual size, and records the host job's percent each time.
   */
  private DiskImages fakeDisks() {
    return (DiskImages) Proxy.newProxyInstance(DiskImages.class.getClassLoader(), new Class<?>[] {DiskImages.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "info":
              long size = Files.size((Path) args[0]);
              return new DiskImages.Info("qcow2", size, size, null);
            case "convertToQcow2":
              LongConsumer report = (LongConsumer) args[3];
              String id = ((Path) args[2]).getFileName().toString().replace(".qcow2", "");
              recordProgress(id);
              ImageFiles.copyWithProgress((Path) args[0], (Path) args[2], p -> {
                report.accept(p);
                recordProgress(id);
              });
              return null;
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  private void recordProgress(String imageId) {
    progress.add(agent.awaitImage(imageId, -1, java.time.Duration.ZERO).percent());
  }

  @BeforeEach
  void setUp() throws IOException {
    new Random(3).nextBytes(disk);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/images/disk.qcow2", ex -> {
      ex.sendResponseHeaders(200, disk.length);
      ex.getResponseBody().write(disk);
      ex.close();
    });
    server.start();
    db = Database.open(dir.resolve("db"));
    store = new ImageStore(db);
    agent = new LocalImages(dir, fakeDisks(),
        new DownloadLimits(1 << 24, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60)));
    images = new ImageService(store, agent, dir, Runnable::run);
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
    db.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private String sumsOf(String text) {
    server.createContext("/images/SHA256SUMS", ex -> {
      byte[] b = text.getBytes();
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    return "file:" + url("/images/SHA256SUMS");
  }

  private String importFrom(String source, Checksum sum) {
    return images.importImage(new ImageService.ImportRequest("acc", source, null, "web", null, null, null, null, sum));
  }

  private String sha256(byte[] b) throws Exception {
    Path f = Files.write(dir.resolve("probe"), b);
    return ImageFiles.sha256(f);
  }

  private List<String> customFiles() throws IOException {
    Path custom = dir.resolve("images/custom");
    if (!Files.isDirectory(custom)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(custom)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aVerifiedDownloadBecomesAvailable() throws Exception {
    String id = importFrom(url("/images/disk.qcow2"), Checksum.sha256(sha256(disk)));
    Image img = store.find(id).orElseThrow();
    assertEquals(Image.AVAILABLE, img.status(), img.error());
    assertEquals(List.of(id + ".qcow2"), customFiles(), "the download itself is gone");
    assertEquals(sha256(disk), img.sha256(), "the fake conversion copies, so the qcow2 has the same digest");
    assertEquals(url("/images/disk.qcow2"), img.source());
    assertEquals(49, progress.get(0), "the download took 0-49%: " + progress);
    assertEquals(99, progress.get(progress.size() - 1), "the conversion 50-99%: " + progress);
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) >= progress.get(i - 1), "increasing: " + progress);
    }
  }

  @Test
  void aChecksumMismatchFailsTheImportAndLeavesNoFile() throws Exception {
    String wrong = "0".repeat(64);
    String id = importFrom(url("/images/disk.qcow2"), Checksum.sha256(wrong));
    Image img = store.find(id).orElseThrow();
    assertEquals(Image.CREATE_FAILED, img.status());
    assertEquals("SHA256 mismatch: expected " + wrong + ", got " + sha256(disk), img.error());
    assertEquals(List.of(), customFiles());
    assertEquals(null, img.file());
  }

  @Test
  void aChecksumListGivesTheDigestOfTheFileByName() throws Exception {
    String ok = importFrom(url("/images/disk.qcow2"),
        Checksum.parse(sumsOf(sha256(disk) + " *disk.qcow2\n" + "1".repeat(64) + " *other.img\n")));
    assertEquals(Image.AVAILABLE, store.find(ok).orElseThrow().status());
  }

  @Test
  void aListWithoutTheFileOrAMissingUrlFails() throws Exception {
    String noLine = importFrom(url("/images/disk.qcow2"), Checksum.parse(sumsOf("1".repeat(64) + " *other.img\n")));
    assertTrue(store.find(noLine).orElseThrow().error().contains("has no line for disk.qcow2"));
    String missing = importFrom(url("/images/nothing.qcow2"), null);
    Image img = store.find(missing).orElseThrow();
    assertEquals(Image.CREATE_FAILED, img.status());
    assertTrue(img.error().startsWith("HTTP 404"), img.error());
    assertEquals(List.of(), customFiles());
  }

  @Test
  void aLocalFileIsCheckedToo() throws Exception {
    Path src = Files.write(dir.resolve("local.raw"), disk);
    assertEquals(Image.AVAILABLE, store.find(importFrom(src.toString(), Checksum.sha256(sha256(disk))))
        .orElseThrow().status());
    String bad = importFrom(src.toString(), Checksum.sha256("f".repeat(64)));
    assertTrue(store.find(bad).orElseThrow().error().startsWith("SHA256 mismatch"));
  }

  @Test
  void badSourcesAreRefusedAtOnce() {
    assertEquals("InvalidParameter", TestErrors.thrown(
        () -> importFrom("http:///disk.qcow2", null)).code());
    assertEquals("InvalidParameter", TestErrors.thrown(
        () -> importFrom("relative/disk.qcow2", null)).code());
    assertTrue(store.all().isEmpty());
  }

  @Test
  void reconcileRestartsAnInterruptedDownload() throws Exception {
    Files.createDirectories(dir.resolve("images/custom"));
    Files.writeString(dir.resolve("images/custom/m-crashed.download.part"), "half");
    store.put(new Image("m-crashed", "acc", "self", "web", "", Image.CREATING, 20, "linux", "web", "Others Linux",
        "x86_64", "qcow2", 1, null, "sha256:" + sha256(disk), url("/images/disk.qcow2"), null, true, Instant.now()));
    images.reconcile();
    assertEquals(Image.AVAILABLE, store.find("m-crashed").orElseThrow().status());
    assertEquals(List.of("m-crashed.qcow2"), customFiles());
  }
}
