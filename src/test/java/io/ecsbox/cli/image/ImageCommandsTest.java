package io.ecsbox.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.FakeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandsTest {
  private final FakeApi api = new FakeApi();
  private final CliHarness cli = new CliHarness(api);

  private static String image(String status, String progress) {
    return "{\"Images\":{\"Image\":[{\"ImageId\":\"m-1\",\"ImageName\":\"deb\",\"Status\":\""
        + status + "\",\"Progress\":\"" + progress + "\",\"OSName\":\"Debian 12\","
        + "\"Size\":2,\"ImageOwnerAlias\":\"self\",\"CreationTime\":\"2024-05-01T10:00:00Z\"}]},"
        + "\"TotalCount\":1}";
  }

  @Test
  void importSendsTheAbsolutePathAndWaitsWithAProgressBar(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("disk.img"), "x");
    api.on("ImportImage", "{\"ImageId\":\"m-1\",\"TaskId\":\"t-1\"}");
    api.on("DescribeImages", image("Creating", "45%"));
    api.on("DescribeImages", image("Available", "100%"));
    CliHarness.Result r = cli.run("image", "import", "--path", file.toString(), "--name", "deb",
        "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("m-1\n", r.out());
    assertEquals(Map.of("ImageName", "deb", "OSType", "linux", "DiskDeviceMapping.1.OSSBucket",
        "", "DiskDeviceMapping.1.OSSObject", file.toAbsolutePath().toString(),
        "DiskDeviceMapping.1.Format", "RAW"), api.calls("ImportImage").get(0).params());
    assertEquals(Map.of("ImageId", "m-1", "Status", "Creating,Waiting,Available,CreateFailed"),
        api.calls("DescribeImages").get(0).params());
    assertTrue(r.err().contains("[#########........... 45% Creating] 0 s"), r.err());
    assertTrue(r.err().contains("[#################### 100% Available] 1 s"), r.err());
  }

  @Test
  void failedImportExits1() {
    api.on("ImportImage", "{\"ImageId\":\"m-1\"}");
    api.on("DescribeImages", image("CreateFailed", "10%"));
    CliHarness.Result r = cli.run("image", "import", "--path", "/nowhere/x.qcow2", "--wait");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Warning: /nowhere/x.qcow2 is not a file here"), r.err());
    assertTrue(r.err().contains("Error: CreateFailed: "), r.err());
    assertEquals("qcow2",
        api.calls("ImportImage").get(0).params().get("DiskDeviceMapping.1.Format"));
  }

  @Test
  void listShowsATableAndPassesFilters() {
    api.on("DescribeImages", image("Available", "100%"));
    CliHarness.Result r = cli.run("image", "list", "--owner", "self", "--all-statuses");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ID   NAME  STATUS     PROGRESS  OS         SIZE(GiB)  OWNER  CREATED\n"
        + "m-1  deb   Available  100%      Debian 12  2          self   2024-05-01T10:00:00Z\n",
        r.out());
    Map<String, String> p = api.calls("DescribeImages").get(0).params();
    assertEquals("self", p.get("ImageOwnerAlias"));
    assertEquals(ImageListCommand.ALL_STATUSES, p.get("Status"));
  }

  @Test
  void progressBarRendering() {
    assertEquals(45, ProgressBar.percent("45%"));
    assertEquals(0, ProgressBar.percent("soon"));
    assertEquals(100, ProgressBar.percent("140%"));
    assertEquals("##########.......... 50%", ProgressBar.render(50));
  }
}
