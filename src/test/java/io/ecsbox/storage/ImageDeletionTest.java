package io.ecsbox.storage;

import io.ecsbox.TestErrors;
import io.ecsbox.host.images.LocalImages;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import io.ecsbox.host.files.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.account.AccountStore;
import io.ecsbox.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeleteImage and the garbage collector: a file stays while an instance, disk or layer needs it. */
class ImageDeletionTest {
  @TempDir Path dir;
  private Database db;
  private ImageStore store;
  private ImageService images;
  private final String a = "1000000000000001";
  private final String b = "1000000000000002";

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    AccountStore accounts = new AccountStore(db);
    accounts.create(a, "a", AccountStore.AccessKey.generate(a));
    accounts.create(b, "b", AccountStore.AccessKey.generate(b));
    store = new ImageStore(db);
    images = new ImageService(store, new LocalImages(dir, null, DownloadLimits.DEFAULT), dir, Runnable::run);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void instance(String id, String account, String imageId) {
    db.update("INSERT INTO instances (instance_id, account_id, name, host_name, status, instance_type, vcpus,"
        + " memory_mib, image_id, zone_id, system_disk_gib, system_disk_category, serial_number, created)"
        + " VALUES (?,?,?,?,'Running','ecs.t5-lc2m1.nano',1,512,?,'local-1a',20,'cloud_efficiency','s',?)",
        id, account, id, id, imageId, Instant.now().toString());
  }

  private void layer(String file, String parent) {
    db.update("INSERT INTO layers (file, parent, disk_id, created) VALUES (?,?,'d-x',?)", file, parent,
        Instant.now().toString());
  }

  private Path fileOf(String id) {
    return dir.resolve("images/custom/" + id + ".qcow2");
  }

  @Test
  void inUseIsRefusedForceHidesItAndTheFileGoesWithTheLastUser() throws Exception {
    String img = ImageSharingTest.customImage(store, dir, a, "m-used");
    images.modifySharePermission(a, img, List.of(b), List.of());
    instance("i-b1", b, img);

    EcsException used = TestErrors.thrown(() -> images.delete(a, img, false));
    assertEquals("ImageUsingByInstance", used.code());
    assertEquals(403, used.httpStatus());
    assertTrue(used.getMessage().contains("i-b1"), used.getMessage());

    images.delete(a, img, true);
    assertTrue(images.visibleTo(a).isEmpty());
    assertTrue(images.visibleTo(b).isEmpty());
    assertEquals("InvalidImageId.NotFound", TestErrors.thrown(
        () -> images.requireAvailable(b, img)).code());
    assertTrue(Files.exists(fileOf(img)), "B's instance still backs onto it");
    assertEquals(img, images.find(b, img).orElseThrow().id(), "B's instance can still read its image");
    assertTrue(images.find(a, img).isEmpty());

    assertEquals(0, images.collectGarbage());
    assertTrue(Files.exists(fileOf(img)));
    db.update("DELETE FROM instances WHERE instance_id = 'i-b1'");
    assertEquals(1, images.collectGarbage());
    assertFalse(Files.exists(fileOf(img)));
    assertTrue(store.findIncludingDeleted(img).isEmpty(), "the row goes with the file");
  }

  @Test
  void aSharedImageNeedsForceAndAnImportingOneCannotGo() throws Exception {
    String img = ImageSharingTest.customImage(store, dir, a, "m-shared");
    images.modifySharePermission(a, img, List.of(b), List.of());
    assertEquals("ImageUseShared", TestErrors.thrown(() -> images.delete(a, img, false)).code());
    images.delete(a, img, true);
    assertFalse(Files.exists(fileOf(img)), "nothing used it: gone at once");
    assertTrue(store.shares(img).isEmpty());

    store.put(new Image("m-creating", a, "self", "c", "", Image.CREATING, 10, "linux", "l", "p", "x86_64", "qcow2", 1,
        null, null, "/x", null, true, Instant.now()));
    assertEquals("ImageIsImporting", TestErrors.thrown(
        () -> images.delete(a, "m-creating", true)).code());
  }

  @Test
  void aLayerNamingTheFileKeepsItRelativeOrAbsolute() throws Exception {
    String rel = ImageSharingTest.customImage(store, dir, a, "m-rel");
    String abs = ImageSharingTest.customImage(store, dir, a, "m-abs");
    layer("disks/d-1/l1.qcow2", "images/custom/m-rel.qcow2");
    layer("disks/d-2/l1.qcow2", fileOf(abs).toString());
    images.delete(a, rel, false);
    images.delete(a, abs, false);
    assertTrue(Files.exists(fileOf(rel)));
    assertTrue(Files.exists(fileOf(abs)));
    db.update("DELETE FROM layers");
    assertEquals(2, images.collectGarbage());
    assertFalse(Files.exists(fileOf(rel)));
    assertFalse(Files.exists(fileOf(abs)));
  }

  @Test
  void aDiskMadeFromTheImageCountsAsAUser() throws Exception {
    String img = ImageSharingTest.customImage(store, dir, a, "m-disk");
    db.update("INSERT INTO disks (disk_id, account_id, zone_id, type, category, size_gib, status, image_id,"
        + " delete_with_instance, file, created) VALUES ('d-1', ?, 'local-1a', 'system', 'cloud_efficiency', 20,"
        + " 'Available', ?, 0, 'disks/d-1/l1.qcow2', ?)", a, img, Instant.now().toString());
    assertEquals("ImageUsingByInstance", TestErrors.thrown(() -> images.delete(a, img, false)).code());
  }

  @Test
  void pinnedSystemFilesGoWhenTheirManifestAndLayersDo() throws Exception {
    Path sys = Files.createDirectories(dir.resolve("images/system"));
    Files.writeString(sys.resolve("tiny.qcow2"), "tiny build");
    String sha = ImageFiles.sha256(sys.resolve("tiny.qcow2"));
    Files.writeString(sys.resolve("tiny.json"), "{\"ImageId\":\"tiny\",\"File\":\"tiny.qcow2\",\"Sha256\":\"" + sha + "\"}");
    Path pin = dir.resolve("images/store/" + sha + ".qcow2");
    Files.createDirectories(pin.getParent());
    Files.createDirectories(dir.resolve("images/custom"));
    Path stray = Files.writeString(dir.resolve("images/store/" + "0".repeat(64) + ".qcow2"), "old build");
    Path orphan = Files.writeString(dir.resolve("images/custom/m-orphan.qcow2").toAbsolutePath(), "crash leftover");
    images.scanSystemImages();
    assertEquals(pin.toString(), images.requireAvailable(a, "tiny").file());
    layer("instances/i-1/system.qcow2", pin.toString());

    assertEquals(2, images.collectGarbage(), "the stray pin and the orphan custom file");
    assertFalse(Files.exists(stray));
    assertFalse(Files.exists(orphan));
    assertTrue(Files.exists(pin));

    Files.delete(sys.resolve("tiny.json"));
    assertTrue(images.all().isEmpty(), "no manifest, no system image");
    images.collectGarbage();
    assertTrue(Files.exists(pin), "a layer still backs onto it");
    db.update("DELETE FROM layers");
    images.collectGarbage();
    assertFalse(Files.exists(pin));

    Files.writeString(sys.resolve("tiny.json"), "{\"ImageId\":\"tiny\",\"File\":\"tiny.qcow2\",\"Sha256\":\"" + sha + "\"}");
    assertEquals(pin.toString(), images.requireAvailable(a, "tiny").file(), "a returning manifest brings it back");
    assertTrue(Files.exists(pin));
  }
}
