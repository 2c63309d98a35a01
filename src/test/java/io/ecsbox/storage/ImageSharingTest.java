package io.ecsbox.storage;

import io.ecsbox.TestErrors;
import io.ecsbox.host.images.LocalImages;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Sharing, visibility and ownership rules of custom images, on a real SQLite store. */
class ImageSharingTest {
  @TempDir Path dir;
  private Database db;
  private ImageStore store;
  private ImageService images;
  private final String a = "1000000000000001";
  private final String b = "1000000000000002";
  private final String c = "1000000000000003";

  @BeforeEach
  void setUp() throws Exception {
    db = Database.open(dir.resolve("db"));
    AccountStore accounts = new AccountStore(db);
    for (String id : List.of(a, b, c)) {
      accounts.create(id, "acc" + id.charAt(15), AccountStore.AccessKey.generate(id));
    }
    store = new ImageStore(db);
    images = new ImageService(store, new LocalImages(dir, null, DownloadLimits.DEFAULT), dir, Runnable::run);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  /** An Available custom image of {@code owner} with a real file under images/custom. */
  static String customImage(ImageStore store, Path dataDir, String owner, String id) throws Exception {
    Path file = dataDir.resolve("images/custom/" + id + ".qcow2");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "qcow2 of " + id);
    store.put(new Image(id, owner, "self", "img-" + id, "", Image.AVAILABLE, 100, "linux", "Linux", "Others Linux",
        "x86_64", "qcow2", 1, file.toString(), "sha", "/src/" + id, null, true, Instant.now()));
    return id;
  }

  private Map<String, ImageService.Visible> visible(String account) {
    return images.visibleTo(account).stream().collect(Collectors.toMap(v -> v.image().id(), Function.identity()));
  }

  private static String code(Executable call) {
    return TestErrors.thrown(call).code();
  }

  @Test
  void aSharedImageIsVisibleAndLaunchableButOnlyTheOwnerChangesIt() throws Exception {
    String img = customImage(store, dir, a, "m-shared");
    assertFalse(visible(b).containsKey(img));
    assertEquals("InvalidImageId.NotFound", code(() -> images.requireAvailable(b, img)));

    images.modifySharePermission(a, img, List.of(b), List.of());
    assertEquals("others", visible(b).get(img).ownerAlias());
    assertEquals("self", visible(a).get(img).ownerAlias());
    assertTrue(visible(a).get(img).selfShared());
    assertFalse(visible(c).containsKey(img));
    assertEquals(img, images.requireAvailable(b, img).id());

    EcsException notOwner = TestErrors.thrown(() -> images.delete(b, img, true));
    assertEquals("InvalidImageId.NotFound", notOwner.code());
    assertTrue(notOwner.getMessage().contains("only its owner"), notOwner.getMessage());
    assertEquals("InvalidImageId.NotFound", code(() -> images.modifyAttribute(b, img, "x1", null)));
    assertEquals("InvalidImageId.NotFound", code(() -> images.modifySharePermission(b, img, List.of(c), List.of())));
    assertEquals("InvalidImageId.NotFound", code(() -> images.shares(b, img)));
    assertEquals(List.of(b), images.shares(a, img).stream().map(ImageStore.Share::accountId).toList());

    images.modifySharePermission(a, img, List.of(), List.of(b));
    assertFalse(visible(b).containsKey(img));
    assertFalse(visible(a).get(img).selfShared());
    assertEquals("InvalidImageId.NotFound", code(() -> images.requireAvailable(b, img)));
  }

  @Test
  void sharingIsCheckedAndAllOrNothing() throws Exception {
    String img = customImage(store, dir, a, "m-rules");
    assertEquals("InvalidAccount.Forbbiden", code(() -> images.modifySharePermission(a, img, List.of(a), List.of())));
    assertEquals("InvalidAccount.NotFound",
        code(() -> images.modifySharePermission(a, img, List.of(b, "1999999999999999"), List.of())));
    assertEquals("InvalidParameter", code(() -> images.modifySharePermission(a, img, List.of(b), List.of(b))));
    assertTrue(images.shares(a, img).isEmpty(), "a refused call shares with no one");

    AccountStore accounts = new AccountStore(db);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < ImageService.MAX_SHARES; i++) {
      String id = String.valueOf(1100000000000000L + i);
      accounts.create(id, "n" + i, AccountStore.AccessKey.generate(id));
      many.add(id);
    }
    for (int i = 0; i < many.size(); i += 10) {
      images.modifySharePermission(a, img, many.subList(i, i + 10), List.of());
    }
    assertEquals("QuotaExceed.ShareImageUser", code(() -> images.modifySharePermission(a, img, List.of(b), List.of())));
    images.modifySharePermission(a, img, List.of(b), List.of(many.get(0))); // a swap stays at 50
    assertEquals(ImageService.MAX_SHARES, images.shares(a, img).size());

    store.put(new Image("sys", null, "system", "sys", "", Image.AVAILABLE, 100, "linux", "l", "p", "x86_64", "qcow2",
        1, dir.resolve("sys.qcow2").toString(), "", "", null, true, Instant.now()));
    EcsException sys = TestErrors.thrown(() -> images.modifySharePermission(a, "sys", List.of(b), List.of()));
    assertEquals("InvalidImageId.NotFound", sys.code());
    assertTrue(sys.getMessage().contains("system image"), sys.getMessage());
    assertEquals("InvalidImageId.NotFound", code(() -> images.delete(a, "sys", true)));
  }

  @Test
  void attributesChangeOnlyWhatIsGiven() throws Exception {
    String img = customImage(store, dir, a, "m-attr");
    images.modifyAttribute(a, img, "renamed", null);
    images.modifyAttribute(a, img, null, "about it");
    Image now = store.find(img).orElseThrow();
    assertEquals("renamed", now.name());
    assertEquals("about it", now.description());
  }
}
