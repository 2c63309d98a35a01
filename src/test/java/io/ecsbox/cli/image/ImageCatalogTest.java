package io.ecsbox.cli.image;

import io.ecsbox.agent.Checksum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.Main;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.FakeApi;
import io.ecsbox.cli.common.FakeClock;
import io.ecsbox.host.files.ImageFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image catalog in images/catalog.json and `ecsbox image import NAME`, without downloading anything. */
class ImageCatalogTest {
  private static final Path CATALOG = Path.of("images/catalog.json");
  private final FakeApi api = new FakeApi();

  private String[] run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    FakeClock clock = new FakeClock();
    CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err), () -> api, clock, clock.sleeper(),
        false, env);
    int exit = Main.run(ctx, args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void theRepositoryCatalogNamesTheOfficialImagesWithUsableChecksums() throws Exception {
    ImageCatalog c = ImageCatalog.parse(Files.readString(CATALOG), CATALOG.toString());
    for (String name : List.of("debian-12", "ubuntu-24.04", "alinux-3")) {
      ImageCatalog.Entry e = c.find(name).orElseThrow(() -> new AssertionError(name + " missing"));
      assertTrue(e.downloadable());
      assertTrue(e.url().startsWith("https://"), e.url());
      Checksum sum = Checksum.parse(e.checksum());
      if (sum.isList()) {
        assertTrue(sum.list().toString().startsWith("https://"), e.checksum());
      }
      assertEquals("qcow2", e.format());
      assertEquals("linux", e.osType());
      assertTrue(io.ecsbox.common.Validation.instanceName(e.imageName()), e.imageName());
    }
    assertTrue(c.find("debian-12").get().url().startsWith("https://cloud.debian.org/"));
    assertTrue(c.find("ubuntu-24.04").get().url().startsWith("https://cloud-images.ubuntu.com/"));
    assertFalse(c.find("ecsbox-tiny-x64").orElseThrow().downloadable(), "the tiny image is built, not downloaded");
  }

  @Test
  void aPackagedCatalogIsTheRepositoryOne() throws Exception {
    ImageCatalog repo = ImageCatalog.parse(Files.readString(CATALOG), CATALOG.toString());
    try {
      assertEquals(repo.entries(), ImageCatalog.load(Map.of()).entries());
    } catch (IllegalStateException e) { // the build does not package images/catalog.json (yet)
      assertTrue(e.getMessage().contains(ImageCatalog.ENV + "=/path/to/images/catalog.json"), e.getMessage());
    }
  }

  @Test
  void badCatalogsAreRefusedWithTheReason() {
    assertTrue(assertThrows(IllegalStateException.class, () -> ImageCatalog.parse(
        "{\"Images\":[{\"Name\":\"x\",\"Url\":\"https://h/x.qcow2\"}]}", "t")).getMessage().contains("no Checksum"));
    assertTrue(assertThrows(IllegalStateException.class, () -> ImageCatalog.parse(
        "{\"Images\":[{\"Name\":\"x\",\"Url\":\"file:///x\",\"Checksum\":\"sha256:0\"}]}", "t")).getMessage()
        .contains("not an http(s) URL"));
    assertThrows(IllegalStateException.class, () -> ImageCatalog.parse("{", "t"));
  }

  @Test
  void importByNameSendsTheCatalogUrlAndChecksum() {
    api.on("ImportImage", "{\"ImageId\":\"m-1\"}");
    String[] r = run(Map.of(ImageCatalog.ENV, CATALOG.toString()), "image", "import", "debian-12");
    assertEquals("0", r[0], r[2]);
    assertEquals("m-1\n", r[1]);
    Map<String, String> p = api.calls("ImportImage").get(0).params();
    assertTrue(p.get("DiskDeviceMapping.1.OSSObject").startsWith("https://cloud.debian.org/images/cloud/bookworm/"));
    assertTrue(p.get("Checksum").startsWith("sha512:"), p.toString());
    assertEquals("debian-12-genericcloud-amd64-20240717", p.get("ImageName"));
    assertEquals("Debian", p.get("Platform"));
    assertEquals("qcow2", p.get("DiskDeviceMapping.1.Format"));
  }

  @Test
  void optionsWinOverTheCatalogAndUnknownNamesAreUsageErrors() {
    api.on("ImportImage", "{\"ImageId\":\"m-2\"}");
    Map<String, String> env = Map.of(ImageCatalog.ENV, CATALOG.toString());
    String[] r = run(env, "image", "import", "ubuntu-24.04", "--name", "noble", "--sha256", "a".repeat(64));
    assertEquals("0", r[0], r[2]);
    Map<String, String> p = api.calls("ImportImage").get(0).params();
    assertEquals("noble", p.get("ImageName"));
    assertEquals("a".repeat(64), p.get("Sha256"));
    assertFalse(p.containsKey("Checksum"));

    String[] unknown = run(env, "image", "import", "windows-95");
    assertEquals("2", unknown[0]);
    assertTrue(unknown[2].contains("No image windows-95 in " + CATALOG + "; known: debian-12, ubuntu-24.04, alinux-3"),
        unknown[2]);
    String[] built = run(env, "image", "import", "ecsbox-tiny-x64");
    assertEquals("2", built[0]);
    assertTrue(built[2].contains("built on the host"), built[2]);
    String[] none = run(Map.of(ImageCatalog.ENV, "/nonexistent/catalog.json"), "image", "import", "debian-12");
    assertEquals("2", none[0]);
    assertTrue(none[2].contains("cannot read the image catalog"), none[2]);
    assertEquals(1, api.calls("ImportImage").size(), "nothing sent for the refused ones");
  }

  @Test
  void urlsAndExclusiveSources() {
    api.on("ImportImage", "{\"ImageId\":\"m-3\"}");
    String[] r = run(Map.of(), "image", "import", "https://example.org/x.img", "--checksum",
        "file:https://example.org/SHA256SUMS");
    assertEquals("0", r[0], r[2]);
    Map<String, String> p = api.calls("ImportImage").get(0).params();
    assertEquals("https://example.org/x.img", p.get("DiskDeviceMapping.1.OSSObject"));
    assertEquals("file:https://example.org/SHA256SUMS", p.get("Checksum"));
    assertFalse(p.containsKey("DiskDeviceMapping.1.Format"), "the daemon detects the format of a download");
    assertEquals("2", run(Map.of(), "image", "import", "--url", "https://e/x", "--path", "/x")[0]);
    assertEquals("2", run(Map.of(), "image", "import")[0]);
    assertEquals("2", run(Map.of(), "image", "import", "--url", "https://e/x", "--sha256", "a", "--checksum", "b")[0]);
  }

  @Test
  void theCatalogCommandListsNamesWithoutTheDaemon() {
    String[] r = run(Map.of(ImageCatalog.ENV, CATALOG.toString()), "image", "catalog");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].startsWith("NAME "), r[1]);
    assertTrue(r[1].contains("alinux-3 "), r[1]);
    assertTrue(api.calls().isEmpty());
  }
}
