package io.ecsbox.storage;

import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import io.ecsbox.host.images.LocalImages;
import io.ecsbox.host.files.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** System images: manifests are registered, and the file instances back onto never changes. */
class ImageServiceTest {
  @TempDir Path dir;

  private void install(String content) throws Exception {
    Path sys = dir.resolve("images/system");
    Files.createDirectories(sys);
    Path tmp = sys.resolve(".tiny.tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, sys.resolve("tiny.qcow2"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(sys.resolve("tiny.json"), "{\"ImageId\":\"tiny\",\"File\":\"tiny.qcow2\",\"SizeGiB\":1,"
        + "\"Sha256\":\"" + ImageFiles.sha256(sys.resolve("tiny.qcow2")) + "\"}");
  }

  @Test
  void aRebuiltSystemImageLeavesTheOldBuildPinnedForItsInstances() throws Exception {
    try (Database db = Database.open(dir.resolve("db"))) {
      ImageService images = new ImageService(new ImageStore(db), new LocalImages(dir, null, DownloadLimits.DEFAULT), dir, Runnable::run);
      install("build one");
      images.scanSystemImages();
      Path first = Path.of(images.requireAvailable("acc", "tiny").file());
      assertTrue(first.startsWith(dir.resolve("images/store")), first.toString());

      install("build two");
      images.scanSystemImages();
      Path second = Path.of(images.requireAvailable("acc", "tiny").file());
      assertTrue(!first.equals(second), "a new build gets a new pinned file");
      assertArrayEquals("build one".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(first));
      assertArrayEquals("build two".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(second));
    }
  }

  @Test
  void aManifestWhoseChecksumDoesNotMatchItsFileIsNotRegistered() throws Exception {
    try (Database db = Database.open(dir.resolve("db"))) {
      ImageService images = new ImageService(new ImageStore(db), new LocalImages(dir, null, DownloadLimits.DEFAULT), dir, Runnable::run);
      install("good");
      Files.writeString(dir.resolve("images/system/tiny.qcow2"), "changed under the manifest");
      images.scanSystemImages();
      assertEquals(0, images.all().size());
    }
  }
}
