package io.ecsbox.cli.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.FakeApi;
import io.ecsbox.client.EcsApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskCommandsTest {
  private static final String ONE_ZONE = "{\"Zones\":{\"Zone\":[{\"ZoneId\":\"local-1a\"}]}}";
  private static final String NO_DISKS = "{\"Disks\":{\"Disk\":[]},\"TotalCount\":0}";

  private final FakeApi api = new FakeApi();
  private final CliHarness cli = new CliHarness(api);

  private static String disks(String status, String instanceId, String device) {
    return "{\"RequestId\":\"R\",\"TotalCount\":1,\"Disks\":{\"Disk\":[" + disk("d-1", status,
        instanceId, device) + "]}}";
  }

  private static String disk(String id, String status, String instanceId, String device) {
    return "{\"DiskId\":\"" + id + "\",\"DiskName\":\"data\",\"Type\":\"data\","
        + "\"Category\":\"cloud_essd\",\"PerformanceLevel\":\"PL1\",\"Size\":40,\"Status\":\""
        + status + "\",\"InstanceId\":\"" + instanceId + "\",\"Device\":\"" + device + "\","
        + "\"IOPS\":3800,\"Throughput\":140}";
  }

  private static List<String> actions(FakeApi api) {
    return api.calls().stream().map(FakeApi.Call::action).toList();
  }

  @Test
  void createSendsCreateDiskInTheOnlyZoneAndPrintsTheId() {
    api.on("DescribeZones", ONE_ZONE).on("CreateDisk", "{\"DiskId\":\"d-1\",\"OrderId\":\"\"}");
    CliHarness.Result r = cli.run("disk", "create", "--size", "40", "--category", "cloud_essd",
        "--performance-level", "PL2", "--snapshot", "s-1", "--name", "data", "--description",
        "scratch");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-1\n", r.out());
    assertEquals(Map.of("ZoneId", "local-1a", "DiskCategory", "cloud_essd", "PerformanceLevel",
        "PL2", "Size", "40", "SnapshotId", "s-1", "DiskName", "data", "Description", "scratch"),
        api.calls("CreateDisk").get(0).params());
  }

  @Test
  void createDefaultsToUltraDiskAndWaitsForAvailable() {
    api.on("CreateDisk", "{\"DiskId\":\"d-1\"}");
    api.on("DescribeDisks", disks("Creating", "", "")).on("DescribeDisks", disks("Available", "", ""));
    CliHarness.Result r = cli.run("disk", "create", "--size", "20", "--zone", "z-9", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-1\n", r.out());
    assertEquals(Map.of("ZoneId", "z-9", "DiskCategory", "cloud_efficiency", "Size", "20"),
        api.calls("CreateDisk").get(0).params());
    assertEquals(List.of("CreateDisk", "DescribeDisks", "DescribeDisks"), actions(api));
    assertEquals(Map.of("DiskIds", "[\"d-1\"]"), api.calls("DescribeDisks").get(0).params());
    assertTrue(r.err().contains("[d-1 Creating] 0 s\n[d-1 Available] 1 s"), r.err());
  }

  @Test
  void createAttachWaitsForAvailableAttachesThenWaitsForInUse() {
    api.on("DescribeInstances", "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\","
        + "\"ZoneId\":\"local-1b\"}]}}");
    api.on("CreateDisk", "{\"DiskId\":\"d-1\"}");
    api.on("DescribeDisks", disks("Creating", "", ""))
        .on("DescribeDisks", disks("Available", "", ""))
        .on("DescribeDisks", disks("Attaching", "i-1", ""))
        .on("DescribeDisks", disks("In_use", "i-1", "/dev/xvdb"));
    CliHarness.Result r = cli.run("disk", "create", "--size", "20", "--attach", "i-1",
        "--delete-with-instance", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-1\nd-1: In_use on i-1 as /dev/xvdb\n", r.out());
    assertEquals(List.of("DescribeInstances", "CreateDisk", "DescribeDisks", "DescribeDisks",
        "AttachDisk", "DescribeDisks", "DescribeDisks"), actions(api));
    assertEquals("local-1b", api.calls("CreateDisk").get(0).params().get("ZoneId"));
    assertEquals(Map.of("InstanceId", "i-1", "DiskId", "d-1", "DeleteWithInstance", "true"),
        api.calls("AttachDisk").get(0).params());
    assertTrue(r.err().contains("[d-1 Attaching] 0 s\n[d-1 In_use] 1 s"), r.err());
  }

  @Test
  void createAttachRefusedDeletesTheNewDiskAgain() {
    api.on("CreateDisk", "{\"DiskId\":\"d-1\"}").on("DescribeDisks", disks("Available", "", ""));
    api.on("AttachDisk", p -> {
      throw new EcsApiException(403, "InstanceDiskNumber.LimitExceed", "Too many disks.", "R7");
    });
    CliHarness.Result r = cli.run("disk", "create", "--size", "20", "--zone", "z",
        "--attach", "i-1");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("deleted the new disk d-1 again"), r.err());
    assertTrue(r.err().contains("Error: InstanceDiskNumber.LimitExceed: Too many disks."
        + " (RequestId R7)"), r.err());
    assertEquals(Map.of("DiskId", "d-1"), api.calls("DeleteDisk").get(0).params());
  }

  @Test
  void createUsageErrorsSendNothing() {
    api.on("DescribeZones", "{\"Zones\":{\"Zone\":[{\"ZoneId\":\"a\"},{\"ZoneId\":\"b\"}]}}");
    assertEquals(2, cli.run("disk", "create").exit());
    assertEquals(2, cli.run("disk", "create", "--size", "0").exit());
    assertEquals(2, cli.run("disk", "create", "--size", "20", "--category", "cloud_hdd").exit());
    CliHarness.Result pl = cli.run("disk", "create", "--size", "20", "--performance-level", "PL1");
    assertEquals(2, pl.exit());
    assertTrue(pl.err().contains("--performance-level applies only to --category cloud_essd"),
        pl.err());
    CliHarness.Result zones = cli.run("disk", "create", "--size", "20");
    assertEquals(2, zones.exit());
    assertTrue(zones.err().contains("choose one with --zone: a, b"), zones.err());
    assertEquals(List.of("DescribeZones"), actions(api));
  }

  @Test
  void listSendsFiltersPagesThroughAndPrintsTheTable() {
    api.on("DescribeDisks", "{\"TotalCount\":2,\"Disks\":{\"Disk\":["
        + disk("d-1", "In_use", "i-1", "/dev/xvdb") + "]}}");
    api.on("DescribeDisks", "{\"TotalCount\":2,\"Disks\":{\"Disk\":[{\"DiskId\":\"d-2\","
        + "\"Type\":\"system\",\"Category\":\"cloud_efficiency\",\"Size\":20,"
        + "\"Status\":\"Available\",\"InstanceId\":\"\",\"Device\":\"\",\"IOPS\":1960,"
        + "\"Throughput\":103}]}}");
    CliHarness.Result r = cli.run("disk", "list", "--instance", "i-1", "--type", "data",
        "--status", "In_use", "--ids", "d-1,d-2");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "ID   NAME  TYPE    CATEGORY          SIZE(GiB)  STATUS     INSTANCE  DEVICE     IOPS"
            + "  THROUGHPUT(MB/s)\n"
            + "d-1  data  data    cloud_essd/PL1    40         In_use     i-1       /dev/xvdb  3800"
            + "  140\n"
            + "d-2  -     system  cloud_efficiency  20         Available  -         -          1960"
            + "  103\n", r.out());
    assertEquals(Map.of("InstanceId", "i-1", "DiskType", "data", "Status", "In_use", "DiskIds",
        "[\"d-1\",\"d-2\"]", "PageNumber", "1", "PageSize", "100"),
        api.calls("DescribeDisks").get(0).params());
    assertEquals("2", api.calls("DescribeDisks").get(1).params().get("PageNumber"));
    assertEquals(2, api.calls().size());
  }

  @Test
  void listAsJsonKeepsTheApiShape() {
    api.on("DescribeDisks", disks("Available", "", ""));
    CliHarness.Result r = cli.run("disk", "list", "-o", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode out = FakeApi.parse(r.out());
    assertEquals("d-1", out.path("Disks").path("Disk").get(0).path("DiskId").asText());
    assertEquals(1, out.path("TotalCount").asInt());
    assertEquals(Map.of("PageNumber", "1", "PageSize", "100"), api.calls().get(0).params());
  }

  @Test
  void showPrintsKeyValueLinesOrNotFound() {
    api.on("DescribeDisks", disks("In_use", "i-1", "/dev/xvdb")).on("DescribeDisks", NO_DISKS);
    CliHarness.Result r = cli.run("disk", "show", "d-1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("DiskId:           d-1\nDiskName:         data\n"), r.out());
    assertTrue(r.out().contains("Device:           /dev/xvdb\n"), r.out());
    CliHarness.Result missing = cli.run("disk", "show", "d-404");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().startsWith("Error: InvalidDiskId.NotFound: "), missing.err());
  }

  @Test
  void attachSendsAttachDisk() {
    CliHarness.Result r = cli.run("disk", "attach", "d-1", "i-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-1: attach to i-1 requested\n", r.out());
    assertEquals(Map.of("InstanceId", "i-1", "DiskId", "d-1"), api.calls().get(0).params());
    assertEquals("AttachDisk", api.calls().get(0).action());
  }

  @Test
  void detachLooksUpTheInstanceAndWaitsForAvailable() {
    api.on("DescribeDisks", disks("In_use", "i-9", "/dev/xvdc"))
        .on("DescribeDisks", disks("Detaching", "i-9", "/dev/xvdc"))
        .on("DescribeDisks", disks("Available", "", ""));
    CliHarness.Result r = cli.run("disk", "detach", "d-1", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-1: Available (detached from i-9)\n", r.out());
    assertEquals(Map.of("InstanceId", "i-9", "DiskId", "d-1"),
        api.calls("DetachDisk").get(0).params());
    assertEquals(List.of("DescribeDisks", "DetachDisk", "DescribeDisks", "DescribeDisks"),
        actions(api));
  }

  @Test
  void detachWithAnInstanceSkipsTheLookupAndAnUnattachedDiskIsRefused() {
    assertEquals(0, cli.run("disk", "detach", "d-1", "i-2").exit());
    assertEquals(List.of("DetachDisk"), actions(api));
    api.on("DescribeDisks", disks("Available", "", ""));
    CliHarness.Result r = cli.run("disk", "detach", "d-1");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("Error: IncorrectDiskStatus: The disk d-1 is not attached"),
        r.err());
    assertEquals(1, api.calls("DetachDisk").size());
  }

  @Test
  void deleteWaitsUntilTheDiskIsGone() {
    api.on("DescribeDisks", disks("Available", "", "")).on("DescribeDisks", NO_DISKS);
    CliHarness.Result r = cli.run("disk", "delete", "d-1", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-1: deleted\n", r.out());
    assertEquals(Map.of("DiskId", "d-1"), api.calls("DeleteDisk").get(0).params());
    assertTrue(r.err().contains("[d-1 deleted] 1 s"), r.err());
  }

  @Test
  void aWaitThatNeverEndsTimesOutWithExit4() {
    api.on("DescribeDisks", disks("Available", "", ""));
    CliHarness.Result r = cli.run("disk", "delete", "d-1", "--wait", "--timeout", "3");
    assertEquals(4, r.exit());
    assertTrue(r.err().contains("timed out after 3 s waiting for d-1 to be deleted"
        + " (now Available)"), r.err());
  }

  @Test
  void resizeResetReinitSendTheirActions() {
    assertEquals("d-1: resized to 60 GiB\n",
        cli.run("disk", "resize", "d-1", "--size", "60", "--online").out());
    assertEquals(Map.of("DiskId", "d-1", "NewSize", "60", "Type", "online"),
        api.calls("ResizeDisk").get(0).params());
    assertTrue(cli.run("disk", "resize", "d-1", "--size", "70").out()
        .contains("restart its instance"));
    assertEquals(Map.of("DiskId", "d-1", "NewSize", "70"), api.calls("ResizeDisk").get(1).params());
    assertEquals(2, cli.run("disk", "resize", "d-1").exit());

    assertEquals("d-1: reset to s-1\n", cli.run("disk", "reset", "d-1", "--snapshot", "s-1").out());
    assertEquals(Map.of("DiskId", "d-1", "SnapshotId", "s-1"),
        api.calls("ResetDisk").get(0).params());

    assertEquals("d-1: re-init requested\n", cli.run("disk", "reinit", "d-1").out());
    assertEquals(Map.of("DiskId", "d-1"), api.calls("ReInitDisk").get(0).params());
  }

  @Test
  void modifySendsOnlyWhatWasGiven() {
    CliHarness.Result r = cli.run("disk", "modify", "d-1", "--name", "logs",
        "--delete-with-instance", "false", "--delete-auto-snapshot", "TRUE");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-1: modified\n", r.out());
    assertEquals(Map.of("DiskId", "d-1", "DiskName", "logs", "DeleteWithInstance", "false",
        "DeleteAutoSnapshot", "true"), api.calls("ModifyDiskAttribute").get(0).params());
    assertEquals(2, cli.run("disk", "modify", "d-1").exit());
    assertEquals(2, cli.run("disk", "modify", "d-1", "--delete-with-instance", "yes").exit());
    assertEquals(1, api.calls().size());
  }

  @Test
  void apiErrorsPrintTheEcsCodeAndExit1() {
    api.on("ResetDisk", p -> {
      throw new EcsApiException(403, "IncorrectInstanceStatus",
          "The current status of the resource does not support this operation.", "R1");
    });
    CliHarness.Result r = cli.run("disk", "reset", "d-1", "--snapshot", "s-1");
    assertEquals(1, r.exit());
    assertEquals("Error: IncorrectInstanceStatus: The current status of the resource does not"
        + " support this operation. (RequestId R1)\n", r.err());
  }
}
