package io.ecsbox.api.actions;

import io.ecsbox.TestErrors;
import io.ecsbox.host.images.LocalImages;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.storage.Image;
import io.ecsbox.storage.ImageService;
import io.ecsbox.account.AccountStore;
import io.ecsbox.store.Database;
import io.ecsbox.storage.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image Actions as the SDKs see them: parameter names, response shapes, ECS error codes. */
class ImageActionsTest {
  @TempDir Path dir;
  private Database db;
  private ImageStore store;
  private final ActionRegistry registry = new ActionRegistry();
  private final String a = "1000000000000001";
  private final String b = "1000000000000002";

  @BeforeEach
  void setUp() throws Exception {
    db = Database.open(dir.resolve("db"));
    AccountStore accounts = new AccountStore(db);
    accounts.create(a, "a", AccountStore.AccessKey.generate(a));
    accounts.create(b, "b", AccountStore.AccessKey.generate(b));
    store = new ImageStore(db);
    new ImageActions(new ImageService(store, new LocalImages(dir, null, DownloadLimits.DEFAULT), dir, Runnable::run), "local-1", id -> java.util.Map.of()).registerIn(registry);
    Path file = Files.createDirectories(dir.resolve("images/custom")).resolve("m-a.qcow2");
    Files.writeString(file, "x");
    store.put(new Image("m-a", a, "self", "web", "", Image.AVAILABLE, 100, "linux", "Linux", "Others Linux",
        "x86_64", "qcow2", 2, file.toString(), "abc", "/srv/web.raw", null, true, Instant.now()));
    store.put(new Image("m-failed", a, "self", "bad", "", Image.CREATE_FAILED, 30, "linux", "Linux", "Others Linux",
        "x86_64", "qcow2", 1, null, null, "https://h/x", "HTTP 404 from https://h/x", true, Instant.now()));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String account, String action, String... kv) {
    Map<String, String> p = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return registry.find(action).orElseThrow().handle(new ApiRequest(account, action, new Params(p), "R", "h"));
  }

  private EcsException error(String account, String action, String... kv) {
    return TestErrors.thrown(() -> call(account, action, kv));
  }

  private static JsonNode image(JsonNode r, int i) {
    return r.path("Images").path("Image").get(i);
  }

  @Test
  void ownersAndSharedAccountsSeeDifferentAliases() {
    call(a, "ModifyImageSharePermission", "ImageId", "m-a", "AddAccount.1", b);
    JsonNode mine = image(call(a, "DescribeImages", "ImageId", "m-a"), 0);
    assertEquals("self", mine.path("ImageOwnerAlias").asText());
    assertEquals("True", mine.path("IsSelfShared").asText());
    assertEquals(Long.parseLong(a), mine.path("ImageOwnerId").asLong());
    assertEquals("/srv/web.raw", mine.path("DiskDeviceMappings").path("DiskDeviceMapping").get(0)
        .path("ImportOSSObject").asText());

    JsonNode theirs = call(b, "DescribeImages", "ImageOwnerAlias", "others");
    assertEquals(1, theirs.path("TotalCount").asInt());
    assertEquals("others", image(theirs, 0).path("ImageOwnerAlias").asText());
    assertEquals("False", image(theirs, 0).path("IsSelfShared").asText());
    assertEquals("", image(theirs, 0).path("DiskDeviceMappings").path("DiskDeviceMapping").get(0)
        .path("ImportOSSObject").asText(), "the owner's source path is not shown to others");
    assertEquals(0, call(b, "DescribeImages", "ImageOwnerAlias", "self").path("TotalCount").asInt());
    assertEquals(0, call(b, "DescribeImages", "ImageOwnerAlias", "marketplace").path("TotalCount").asInt());
    assertEquals("InvalidImageOwnerAlias.ValueNotSupported",
        error(b, "DescribeImages", "ImageOwnerAlias", "everyone").code());
  }

  @Test
  void statusDefaultsToAvailableAndFailuresSayWhy() {
    assertEquals(1, call(a, "DescribeImages").path("TotalCount").asInt());
    JsonNode failed = call(a, "DescribeImages", "Status", "CreateFailed, Available", "PageSize", "1", "PageNumber", "2");
    assertEquals(2, failed.path("TotalCount").asInt());
    assertEquals(1, failed.path("Images").path("Image").size());
    JsonNode all = call(a, "DescribeImages", "Status", "CreateFailed");
    assertEquals("HTTP 404 from https://h/x", image(all, 0).path("ErrorMessage").asText());
    assertEquals("", image(all, 0).path("Sha256").asText());
  }

  @Test
  void sharePermissionShapesAndLimits() {
    call(a, "ModifyImageSharePermission", "ImageId", "m-a", "AddAccount.1", b);
    JsonNode r = call(a, "DescribeImageSharePermission", "ImageId", "m-a");
    assertEquals("m-a", r.path("ImageId").asText());
    assertEquals(1, r.path("TotalCount").asInt());
    assertEquals(b, r.path("Accounts").path("Account").get(0).path("AliyunId").asText());
    assertTrue(r.path("ShareGroups").path("ShareGroup").isArray());
    assertEquals("InvalidImageId.NotFound", error(b, "DescribeImageSharePermission", "ImageId", "m-a").code());
    String[] kv = new String[24];
    kv[0] = "ImageId";
    kv[1] = "m-a";
    for (int i = 1; i <= 11; i++) {
      kv[2 * i] = "AddAccount." + i;
      kv[2 * i + 1] = b;
    }
    assertEquals("InvalidParameter", error(a, "ModifyImageSharePermission", kv).code());
    assertEquals("MissingParameter", error(a, "ModifyImageSharePermission").code());
  }

  @Test
  void deleteAndModifyAttribute() {
    call(a, "ModifyImageAttribute", "ImageId", "m-a", "ImageName", "web2", "Description", "new");
    assertEquals("web2", store.find("m-a").orElseThrow().name());
    assertEquals("InvalidImageName.Malformed", error(a, "ModifyImageAttribute", "ImageId", "m-a", "ImageName", "1x").code());
    assertEquals("InvalidParameter", error(a, "DeleteImage", "ImageId", "m-a", "Force", "maybe").code());
    assertEquals("InvalidImageId.NotFound", error(b, "DeleteImage", "ImageId", "m-a").code());
    call(a, "DeleteImage", "ImageId", "m-a");
    assertEquals(0, call(a, "DescribeImages").path("TotalCount").asInt());
    assertEquals("InvalidImageId.NotFound", error(a, "DeleteImage", "ImageId", "m-a").code());
  }

  @Test
  void importChecksumParameters() {
    assertEquals("InvalidParameter", error(a, "ImportImage", "DiskDeviceMapping.1.OSSObject", "https://h/x.qcow2",
        "Sha256", "abc").code());
    EcsException both = error(a, "ImportImage", "DiskDeviceMapping.1.OSSObject", "https://h/x.qcow2",
        "Sha256", "a".repeat(64), "Checksum", "sha256:" + "a".repeat(64));
    assertTrue(both.getMessage().contains("not both"), both.getMessage());
    assertTrue(error(a, "ImportImage", "DiskDeviceMapping.1.OSSObject", "https://h/x.qcow2", "Checksum", "md5:1")
        .getMessage().contains("\"Checksum\""));
  }
}
