package io.ecsbox.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.FakeApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `ecsbox image share|unshare|shares|delete` and `ecsbox account ...` against a fake API. */
class ImageShareCommandsTest {
  private final FakeApi api = new FakeApi();
  private final CliHarness cli = new CliHarness(api);

  @Test
  void shareAndUnshareSendRepeatLists() {
    CliHarness.Result r = cli.run("image", "share", "m-1", "1001", "1002");
    assertEquals(0, r.exit(), r.err());
    assertEquals("m-1 shared with 1001, 1002\n", r.out());
    assertEquals(Map.of("ImageId", "m-1", "AddAccount.1", "1001", "AddAccount.2", "1002"),
        api.calls("ModifyImageSharePermission").get(0).params());
    r = cli.run("image", "unshare", "m-1", "1002");
    assertEquals(0, r.exit(), r.err());
    assertEquals(Map.of("ImageId", "m-1", "RemoveAccount.1", "1002"),
        api.calls("ModifyImageSharePermission").get(1).params());
    assertEquals(2, cli.run("image", "share", "m-1").exit(), "an account is required");
  }

  @Test
  void sharesListsAccounts() {
    api.on("DescribeImageSharePermission", "{\"TotalCount\":1,\"Accounts\":{\"Account\":[{\"AliyunId\":\"1001\","
        + "\"SharedTime\":\"2024-05-01T10:00:00Z\"}]},\"ShareGroups\":{\"ShareGroup\":[]}}");
    CliHarness.Result r = cli.run("image", "shares", "m-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ACCOUNT  SHARED\n1001     2024-05-01T10:00:00Z\n", r.out());
  }

  @Test
  void deleteSendsForce() {
    CliHarness.Result r = cli.run("image", "delete", "m-1", "m-2", "--force");
    assertEquals(0, r.exit(), r.err());
    assertEquals("m-1 deleted\nm-2 deleted\n", r.out());
    assertEquals(Map.of("ImageId", "m-2", "Force", "true"), api.calls("DeleteImage").get(1).params());
  }

  @Test
  void accountCreatePrintsTheSecretOnceAndListShowsAccounts() {
    api.on("CreateAccount", "{\"AccountId\":\"1234\",\"AccountName\":\"lab\",\"AccessKeyId\":\"LTAIx\","
        + "\"AccessKeySecret\":\"s3cr3t\"}");
    CliHarness.Result r = cli.run("account", "create", "lab");
    assertEquals(0, r.exit(), r.err());
    assertEquals("AccountId:       1234\nAccountName:     lab\nAccessKeyId:     LTAIx\nAccessKeySecret: s3cr3t\n",
        r.out());
    assertTrue(r.err().contains("only this once"), r.err());
    assertEquals(Map.of("AccountName", "lab"), api.calls("CreateAccount").get(0).params());

    api.on("DescribeAccounts", "{\"TotalCount\":2,\"Accounts\":{\"Account\":[{\"AccountId\":\"1\","
        + "\"AccountName\":\"admin\",\"IsAdmin\":true,\"AccessKeyCount\":1,\"CreationTime\":\"2024-05-01T10:00:00Z\"},"
        + "{\"AccountId\":\"1234\",\"AccountName\":\"lab\",\"IsAdmin\":false,\"AccessKeyCount\":2,"
        + "\"CreationTime\":\"2024-05-02T10:00:00Z\"}]}}");
    r = cli.run("account", "list");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ID    NAME   ADMIN  KEYS  CREATED\n"
        + "1     admin  yes    1     2024-05-01T10:00:00Z\n"
        + "1234  lab    no     2     2024-05-02T10:00:00Z\n", r.out());
  }

  @Test
  void accountKeys() {
    api.on("CreateAccessKey", "{\"AccountId\":\"1234\",\"AccessKeyId\":\"LTAIy\",\"AccessKeySecret\":\"s\"}");
    assertEquals(0, cli.run("account", "key", "create", "1234").exit());
    assertEquals(Map.of("AccountId", "1234"), api.calls("CreateAccessKey").get(0).params());
    api.on("DescribeAccessKeys", "{\"AccountId\":\"1234\",\"AccessKeys\":{\"AccessKey\":[{\"AccessKeyId\":\"LTAIy\","
        + "\"CreationTime\":\"2024-05-02T10:00:00Z\"}]}}");
    CliHarness.Result r = cli.run("account", "key", "list", "1234");
    assertEquals("ACCESS KEY ID  CREATED\nLTAIy          2024-05-02T10:00:00Z\n", r.out());
    assertEquals(0, cli.run("account", "key", "delete", "LTAIy").exit());
    assertEquals(Map.of("AccessKeyId", "LTAIy"), api.calls("DeleteAccessKey").get(0).params());
    assertEquals(2, cli.run("account", "key").exit(), "a group alone prints its usage");
  }
}
