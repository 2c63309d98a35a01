package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImageSharePermissionRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.ImportImageRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageAttributeRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageSharePermissionRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.exceptions.ClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Two accounts on one real daemon, through the official SDK: the admin (A) imports the tiny
 * image as a custom image; B cannot see or use it until A shares it; then B boots an instance
 * from it but cannot change, share or delete it; A unshares, and cannot delete it while B's
 * instance uses it except with Force; the qcow2 stays until B's instance is gone and the
 * garbage collector (run by the daemon's start-up reconcile) removes it.
 */
class ImageSharingIT {
  private static EcsboxHarness h;
  private static AccountClient b;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("share");
    b = AccountClient.create(h, "bob");
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void accountActionsAreForTheAdminOnly() throws Exception {
    Map<String, String> p = b.raw().params("CreateAccount");
    p.put("AccountName", "mallory");
    RawApi.Response r = b.raw().send(p);
    assertEquals(403, r.status(), r.body().toString());
    assertEquals("Forbidden", r.code());
    RawApi.Response list = h.raw().send(h.raw().params("DescribeAccounts"));
    assertEquals(200, list.status(), list.body().toString());
    assertTrue(list.body().toString().contains(b.accountId()));
    assertFalse(list.body().toString().contains("mallory"));
  }

  @Test
  void shareLaunchUnshareDeleteAndCollect() throws Exception {
    String image = importTinyAsAdmin();
    Path file = h.dataDir().resolve("images/custom/" + image + ".qcow2");
    assertTrue(Files.exists(file));

    assertTrue(visibleTo(b, image).isEmpty(), "not shared yet");
    assertCode("InvalidImageId.NotFound", () -> b.call(run(image)));

    share(image, "AddAccount", b.accountId());
    DescribeImageSharePermissionRequest who = new DescribeImageSharePermissionRequest();
    who.setImageId(image);
    assertEquals(b.accountId(), h.call(who).getAccounts().get(0).getAliyunId());
    DescribeImagesResponse.Image seen = visibleTo(b, image).orElseThrow();
    assertEquals("others", seen.getImageOwnerAlias());
    assertEquals("True", visibleTo(null, image).orElseThrow().getIsSelfShared());

    String instance = b.call(run(image)).getInstanceIdSets().get(0);
    h.track(List.of(instance)); // backstop only: the admin cannot see B's instance
    String console = b.waitForConsoleLine(instance, EcsboxHarness.READY, EcsboxHarness.BOOT);
    assertTrue(console.contains("instance-id=" + instance + " hostname=shared-vm"), console);

    DeleteImageRequest del = new DeleteImageRequest();
    del.setImageId(image);
    del.setForce(true);
    assertCode("InvalidImageId.NotFound", () -> b.call(del));
    ModifyImageAttributeRequest rename = new ModifyImageAttributeRequest();
    rename.setImageId(image);
    rename.setImageName("mine-now");
    assertCode("InvalidImageId.NotFound", () -> b.call(rename));
    ModifyImageSharePermissionRequest reshare = new ModifyImageSharePermissionRequest();
    reshare.setImageId(image);
    reshare.setAddAccounts(List.of(adminAccountId()));
    assertCode("InvalidImageId.NotFound", () -> b.call(reshare));

    share(image, "RemoveAccount", b.accountId());
    assertTrue(visibleTo(b, image).isEmpty(), "unshared");
    assertEquals(image, b.describe(instance).orElseThrow().getImageId(), "B's instance keeps running");

    DeleteImageRequest plain = new DeleteImageRequest();
    plain.setImageId(image);
    assertCode("ImageUsingByInstance", () -> h.call(plain));
    h.call(del);
    assertTrue(visibleTo(null, image).isEmpty(), "gone from the API");
    assertTrue(Files.exists(file), "B's instance still backs onto the file");

    DeleteInstanceRequest release = new DeleteInstanceRequest();
    release.setInstanceId(instance);
    release.setForce(true);
    b.call(release);
    b.waitUntilGone(instance, Duration.ofSeconds(60));
    h.waitUntil(instance + " files to go", Duration.ofSeconds(30), () -> Files.exists(h.instanceDir(instance)),
        exists -> !exists, null);
    h.restart(); // its reconcile collects garbage
    assertFalse(Files.exists(file), "nothing uses it any more");
  }

  private static String importTinyAsAdmin() throws Exception {
    ImportImageRequest imp = new ImportImageRequest();
    imp.setImageName("shared-tiny");
    ImportImageRequest.DiskDeviceMapping m = new ImportImageRequest.DiskDeviceMapping();
    m.setOSSObject(h.dataDir().resolve("images/system/" + EcsboxHarness.IMAGE_ID + ".qcow2").toString());
    imp.setDiskDeviceMappings(List.of(m));
    String id = h.call(imp).getImageId();
    String status = h.waitUntil("import of " + id, Duration.ofSeconds(60), () -> {
      DescribeImagesRequest r = new DescribeImagesRequest();
      r.setImageId(id);
      r.setStatus("Creating,Available,CreateFailed");
      try {
        return h.call(r).getImages().get(0).getStatus();
      } catch (ClientException e) {
        return e.getErrCode();
      }
    }, s -> !"Creating".equals(s), null);
    assertEquals("Available", status);
    return id;
  }

  private static RunInstancesRequest run(String image) {
    RunInstancesRequest run = new RunInstancesRequest();
    run.setImageId(image);
    run.setInstanceType(EcsboxHarness.NANO);
    run.setHostName("shared-vm");
    return run;
  }

  private static void share(String image, String how, String account) throws Exception {
    ModifyImageSharePermissionRequest r = new ModifyImageSharePermissionRequest();
    r.setImageId(image);
    if (how.equals("AddAccount")) {
      r.setAddAccounts(List.of(account));
    } else {
      r.setRemoveAccounts(List.of(account));
    }
    h.call(r);
  }

  /** The image as DescribeImages (all owners) shows it to B, or to the admin when {@code who} is null. */
  private static java.util.Optional<DescribeImagesResponse.Image> visibleTo(AccountClient who, String image)
      throws ClientException {
    DescribeImagesRequest r = new DescribeImagesRequest();
    r.setImageId(image);
    r.setStatus("Creating,Available,CreateFailed");
    List<DescribeImagesResponse.Image> l = who == null ? h.call(r).getImages() : who.call(r).getImages();
    return l.stream().filter(i -> image.equals(i.getImageId())).findFirst();
  }

  private static String adminAccountId() throws Exception {
    return h.raw().send(h.raw().params("DescribeAccounts")).body().path("Accounts").path("Account").get(0)
        .path("AccountId").asText();
  }

  private static void assertCode(String code, Executable call) {
    ClientException e = assertThrows(ClientException.class, call);
    assertEquals(code, e.getErrCode(), e.getErrMsg());
  }
}
