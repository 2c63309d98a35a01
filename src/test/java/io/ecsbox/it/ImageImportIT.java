package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.ImportImageRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.exceptions.ClientException;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.files.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ImportImage through the official SDK: a raw copy of the tiny image becomes an Available
 * custom qcow2 image with its SHA-256, an instance boots from it, and a missing file is
 * refused without leaving an image behind.
 */
class ImageImportIT {
  private static EcsboxHarness h;
  private static Path raw;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("import");
    raw = h.dataDir().resolve("upload.raw");
    new CommandRunner().run("qemu-img", "convert", "-O", "raw",
        h.dataDir().resolve("images/system/" + EcsboxHarness.IMAGE_ID + ".qcow2").toString(), raw.toString());
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void importedRawImageBootsAnInstance() throws Exception {
    ImportImageRequest imp = new ImportImageRequest();
    imp.setImageName("tiny-imported");
    imp.setOSType("linux");
    ImportImageRequest.DiskDeviceMapping m = new ImportImageRequest.DiskDeviceMapping();
    m.setOSSObject(raw.toString());
    m.setFormat("RAW");
    imp.setDiskDeviceMappings(List.of(m));
    String imageId = h.call(imp).getImageId();
    assertTrue(imageId.startsWith("m-"), imageId);

    DescribeImagesResponse.Image img = h.waitUntil("import of " + imageId, Duration.ofSeconds(120),
        () -> describe(imageId), i -> i != null && !"Creating".equals(i.getStatus()), null);
    assertEquals("Available", img.getStatus(), "import failed");
    assertEquals("self", img.getImageOwnerAlias());
    assertEquals("tiny-imported", img.getImageName());
    Path stored = h.dataDir().resolve("images/custom/" + imageId + ".qcow2");
    assertTrue(Files.isRegularFile(stored), "the imported qcow2 is kept in the data dir");
    assertTrue(Files.exists(raw), "the source file is left as it was");

    RunInstancesRequest run = new RunInstancesRequest();
    run.setImageId(imageId);
    run.setInstanceType(EcsboxHarness.NANO);
    run.setHostName("from-import");
    List<String> ids = h.call(run).getInstanceIdSets();
    h.track(ids);
    String console = h.waitForConsoleLine(ids.get(0), EcsboxHarness.READY, 1, EcsboxHarness.BOOT);
    assertTrue(console.contains("instance-id=" + ids.get(0) + " hostname=from-import"), console);
    // The guest's system disk is an overlay on the imported image, not a copy.
    String systemDisk;
    try (StorageKit kit = new StorageKit(h)) {
      systemDisk = kit.rows("SELECT file FROM disks WHERE instance_id = ? AND type = 'system'", ids.get(0)).get(0);
    }
    String backing = new CommandRunner().run("qemu-img", "info", "-U", "--output=json",
        h.dataDir().resolve(systemDisk).toString()).stdout();
    assertTrue(backing.contains(stored.toString()), backing);
    assertEquals(ImageFiles.sha256(stored), sha256Of(imageId));
  }

  @Test
  void missingFileIsRefusedAndLeavesNothing() throws Exception {
    int before = h.call(new DescribeImagesRequest()).getTotalCount();
    ImportImageRequest imp = new ImportImageRequest();
    ImportImageRequest.DiskDeviceMapping m = new ImportImageRequest.DiskDeviceMapping();
    m.setOSSObject("/nonexistent/disk.qcow2");
    imp.setDiskDeviceMappings(List.of(m));
    ClientException e = org.junit.jupiter.api.Assertions.assertThrows(ClientException.class, () -> h.call(imp));
    assertEquals("InvalidOSSObject.NotFound", e.getErrCode());
    DescribeImagesRequest all = new DescribeImagesRequest();
    all.setStatus("Creating,Available,CreateFailed");
    assertEquals(before, h.call(new DescribeImagesRequest()).getTotalCount());
    assertFalse(h.call(all).getImages().stream().anyMatch(i -> i.getImageName() == null));
  }

  private static DescribeImagesResponse.Image describe(String id) {
    DescribeImagesRequest r = new DescribeImagesRequest();
    r.setImageId(id);
    r.setStatus("Creating,Available,CreateFailed");
    try {
      List<DescribeImagesResponse.Image> l = h.call(r).getImages();
      return l.isEmpty() ? null : l.get(0);
    } catch (ClientException e) {
      throw new IllegalStateException(e);
    }
  }

  // The SDK's model has no field for our Sha256 extension: read it from the raw answer.
  private static String sha256Of(String id) throws Exception {
    java.util.Map<String, String> p = new java.util.HashMap<>(h.raw().params("DescribeImages"));
    p.put("ImageId", id);
    return h.raw().send(p).body().path("Images").path("Image").get(0).path("Sha256").asText();
  }
}
