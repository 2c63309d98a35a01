package io.ecsbox.cli.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.FakeApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotCommandsTest {
  private final FakeApi api = new FakeApi();
  private final CliHarness cli = new CliHarness(api);

  private static String snapshots(String status, String progress) {
    return "{\"TotalCount\":1,\"Snapshots\":{\"Snapshot\":[{\"SnapshotId\":\"s-1\","
        + "\"SnapshotName\":\"before-upgrade\",\"SourceDiskId\":\"d-1\",\"SourceDiskSize\":\"40\","
        + "\"SnapshotType\":\"user\",\"Status\":\"" + status + "\",\"Progress\":\"" + progress
        + "\",\"CreationTime\":\"2024-05-01T10:00:00Z\",\"RetentionDays\":7}]}}";
  }

  @Test
  void createWaitsUntilAccomplishedShowingProgress() {
    api.on("CreateSnapshot", "{\"SnapshotId\":\"s-1\"}");
    api.on("DescribeSnapshots", snapshots("progressing", "40%"))
        .on("DescribeSnapshots", snapshots("accomplished", "100%"));
    CliHarness.Result r = cli.run("snapshot", "create", "d-1", "--name", "before-upgrade",
        "--description", "pre", "--retention-days", "7", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("s-1\n", r.out());
    assertEquals(Map.of("DiskId", "d-1", "SnapshotName", "before-upgrade", "Description", "pre",
        "RetentionDays", "7"), api.calls("CreateSnapshot").get(0).params());
    assertEquals(Map.of("SnapshotIds", "[\"s-1\"]"), api.calls("DescribeSnapshots").get(0).params());
    assertTrue(r.err().contains("[s-1 40% progressing] 0 s\n[s-1 100% accomplished] 1 s"),
        r.err());
  }

  @Test
  void createWithoutWaitSendsOnlyTheDisk() {
    api.on("CreateSnapshot", "{\"SnapshotId\":\"s-2\"}");
    CliHarness.Result r = cli.run("snapshot", "create", "d-1");
    assertEquals("s-2\n", r.out());
    assertEquals(Map.of("DiskId", "d-1"), api.calls().get(0).params());
    assertEquals(1, api.calls().size());
    assertEquals(2, cli.run("snapshot", "create", "d-1", "--retention-days", "0").exit());
  }

  @Test
  void aFailedSnapshotExits1() {
    api.on("CreateSnapshot", "{\"SnapshotId\":\"s-1\"}");
    api.on("DescribeSnapshots", snapshots("failed", "30%"));
    CliHarness.Result r = cli.run("snapshot", "create", "d-1", "--wait");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Error: SnapshotFailed: The snapshot s-1 of disk d-1 failed"),
        r.err());
  }

  @Test
  void listSendsFiltersAndPrintsTheTable() {
    api.on("DescribeSnapshots", snapshots("accomplished", "100%"));
    CliHarness.Result r = cli.run("snapshot", "list", "--disk", "d-1", "--instance", "i-1",
        "--type", "user", "--status", "accomplished", "--ids", "s-1,s-2");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ID   NAME            DISK  DISK SIZE(GiB)  TYPE  STATUS        PROGRESS  CREATED"
        + "               KEEP(DAYS)\n"
        + "s-1  before-upgrade  d-1   40              user  accomplished  100%      "
        + "2024-05-01T10:00:00Z  7\n", r.out());
    assertEquals(Map.of("DiskId", "d-1", "InstanceId", "i-1", "SnapshotType", "user", "Status",
        "accomplished", "SnapshotIds", "[\"s-1\",\"s-2\"]", "PageNumber", "1", "PageSize", "100"),
        api.calls().get(0).params());
  }

  @Test
  void showAndDelete() {
    api.on("DescribeSnapshots", snapshots("accomplished", "100%"))
        .on("DescribeSnapshots", "{\"Snapshots\":{\"Snapshot\":[]}}");
    assertTrue(cli.run("snapshot", "show", "s-1").out().startsWith("SnapshotId:     s-1\n"));
    CliHarness.Result missing = cli.run("snapshot", "show", "s-9");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().startsWith("Error: InvalidSnapshotId.NotFound: "), missing.err());

    assertEquals("s-1: deleted\n", cli.run("snapshot", "delete", "s-1", "--force").out());
    assertEquals(Map.of("SnapshotId", "s-1", "Force", "true"),
        api.calls("DeleteSnapshot").get(0).params());
  }

  @Test
  void policyCreateSendsLowerCamelJsonArrays() {
    api.on("CreateAutoSnapshotPolicy", "{\"AutoSnapshotPolicyId\":\"sp-1\"}");
    CliHarness.Result r = cli.run("snapshot", "policy", "create", "--name", "nightly",
        "--hours", "0,12", "--weekdays", "1,3,5", "--retention-days", "7");
    assertEquals(0, r.exit(), r.err());
    assertEquals("sp-1\n", r.out());
    assertEquals(Map.of("autoSnapshotPolicyName", "nightly", "timePoints", "[\"0\",\"12\"]",
        "repeatWeekdays", "[\"1\",\"3\",\"5\"]", "retentionDays", "7"),
        api.calls().get(0).params());
    assertEquals(0, cli.run("snapshot", "policy", "create", "--hours", "3", "--weekdays", "7")
        .exit());
    assertEquals("-1", api.calls().get(1).params().get("retentionDays"));
  }

  @Test
  void policyOptionsAreCheckedBeforeSending() {
    assertEquals(2, cli.run("snapshot", "policy", "create", "--weekdays", "1").exit());
    CliHarness.Result hour = cli.run("snapshot", "policy", "create", "--hours", "24",
        "--weekdays", "1");
    assertEquals(2, hour.exit());
    assertTrue(hour.err().contains("Invalid --hours value 24: give numbers from 0 to 23"),
        hour.err());
    assertEquals(2, cli.run("snapshot", "policy", "create", "--hours", "1", "--weekdays", "0")
        .exit());
    assertEquals(2, cli.run("snapshot", "policy", "create", "--hours", "1,1", "--weekdays", "1")
        .exit());
    assertEquals(2, cli.run("snapshot", "policy", "create", "--hours", "1", "--weekdays", "1",
        "--retention-days", "0").exit());
    assertEquals(2, cli.run("snapshot", "policy", "modify", "sp-1").exit());
    assertEquals(0, api.calls().size());
  }

  @Test
  void policyListShowsTheScheduleAsPlainLists() {
    api.on("DescribeAutoSnapshotPolicyEx", "{\"TotalCount\":1,\"AutoSnapshotPolicies\":{"
        + "\"AutoSnapshotPolicy\":[{\"AutoSnapshotPolicyId\":\"sp-1\",\"AutoSnapshotPolicyName\":"
        + "\"nightly\",\"TimePoints\":\"[\\\"0\\\",\\\"12\\\"]\",\"RepeatWeekdays\":"
        + "\"[\\\"1\\\",\\\"3\\\"]\",\"RetentionDays\":7,\"DiskNums\":2,\"Status\":\"Normal\","
        + "\"CreationTime\":\"2024-05-01T10:00:00Z\"}]}}");
    CliHarness.Result r = cli.run("snapshot", "policy", "list");
    assertEquals(0, r.exit(), r.err());
    assertEquals("ID    NAME     HOURS(UTC+8)  WEEKDAYS  KEEP(DAYS)  DISKS  STATUS  CREATED\n"
        + "sp-1  nightly  0,12          1,3       7           2      Normal  2024-05-01T10:00:00Z\n",
        r.out());
    assertEquals(Map.of("PageNumber", "1", "PageSize", "50"), api.calls().get(0).params());
    assertEquals("x", PolicyListCommand.commaList("x"));
  }

  @Test
  void policyModifyApplyCancelDelete() {
    assertEquals("sp-1: modified\n", cli.run("snapshot", "policy", "modify", "sp-1",
        "--hours", "6", "--retention-days", "-1").out());
    assertEquals(Map.of("autoSnapshotPolicyId", "sp-1", "timePoints", "[\"6\"]",
        "retentionDays", "-1"), api.calls("ModifyAutoSnapshotPolicyEx").get(0).params());

    assertEquals("sp-1: applied to d-1, d-2\n",
        cli.run("snapshot", "policy", "apply", "sp-1", "d-1", "d-2").out());
    assertEquals(Map.of("autoSnapshotPolicyId", "sp-1", "diskIds", "[\"d-1\",\"d-2\"]"),
        api.calls("ApplyAutoSnapshotPolicy").get(0).params());
    assertEquals(2, cli.run("snapshot", "policy", "apply", "sp-1").exit());

    assertEquals("d-1: policy cancelled\n", cli.run("snapshot", "policy", "cancel", "d-1").out());
    assertEquals(Map.of("diskIds", "[\"d-1\"]"),
        api.calls("CancelAutoSnapshotPolicy").get(0).params());

    assertEquals("sp-1: deleted\n", cli.run("snapshot", "policy", "delete", "sp-1").out());
    assertEquals(Map.of("autoSnapshotPolicyId", "sp-1"),
        api.calls("DeleteAutoSnapshotPolicy").get(0).params());
  }
}
