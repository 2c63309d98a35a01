package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disk and snapshot command lines through the real HTTP client against a fake ECS endpoint
 * whose disk moves one state per DescribeDisks, as the daemon's asynchronous work would.
 */
class CliStorageEndToEndTest {
  private static final List<String> ATTACH_STATES =
      List.of("Creating", "Available", "Attaching", "In_use");

  private FakeEcsEndpoint ecs;
  private int diskPolls;

  @BeforeEach
  void startFakeEcs() throws IOException {
    ecs = new FakeEcsEndpoint(403, this::answer);
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  private String answer(Map<String, String> q) {
    switch (q.get("Action")) {
      case "DescribeZones":
        return "{\"RequestId\":\"R0\",\"Zones\":{\"Zone\":[{\"ZoneId\":\"local-1a\"}]}}";
      case "DescribeInstances":
        return "{\"RequestId\":\"R1\",\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-a\","
            + "\"ZoneId\":\"local-1a\",\"Status\":\"Running\"}]}}";
      case "CreateDisk":
        return "{\"RequestId\":\"R2\",\"DiskId\":\"d-new\",\"OrderId\":\"\"}";
      case "AttachDisk":
      case "CreateAutoSnapshotPolicy":
        return "{\"RequestId\":\"R3\",\"AutoSnapshotPolicyId\":\"sp-1\"}";
      case "DescribeDisks":
        String status = ATTACH_STATES.get(Math.min(diskPolls++, ATTACH_STATES.size() - 1));
        boolean on = status.equals("Attaching") || status.equals("In_use");
        return "{\"RequestId\":\"R4\",\"TotalCount\":1,\"Disks\":{\"Disk\":[{\"DiskId\":\"d-new\","
            + "\"Status\":\"" + status + "\",\"InstanceId\":\"" + (on ? "i-a" : "") + "\","
            + "\"Device\":\"" + (status.equals("In_use") ? "/dev/xvdb" : "") + "\"}]}}";
      default:
        return "{\"RequestId\":\"R9\",\"Code\":\"IncorrectDiskStatus\","
            + "\"Message\":\"The current disk status does not support this operation.\"}";
    }
  }

  private CliHarness.Result run(String... args) {
    return ecs.run(args);
  }

  private List<String> actions() {
    return ecs.requests().stream().map(q -> q.get("Action")).toList();
  }

  @Test
  void diskCreateAttachWaitGoesThroughEveryState() {
    CliHarness.Result r = run("disk", "create", "--size", "20", "--category", "cloud_ssd",
        "--attach", "i-a", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-new\nd-new: In_use on i-a as /dev/xvdb\n", r.out());
    assertEquals(List.of("DescribeInstances", "CreateDisk", "DescribeDisks", "DescribeDisks",
        "AttachDisk", "DescribeDisks", "DescribeDisks"), actions());
    Map<String, String> create = ecs.requests().get(1);
    assertEquals("local-1a", create.get("ZoneId"));
    assertEquals("cloud_ssd", create.get("DiskCategory"));
    assertEquals("20", create.get("Size"));
    assertEquals("2014-05-26", create.get("Version"));
    assertEquals("[\"d-new\"]", ecs.requests().get(2).get("DiskIds"));
    assertEquals("d-new", ecs.requests().get(4).get("DiskId"));
    assertEquals("i-a", ecs.requests().get(4).get("InstanceId"));
    assertEquals("[d-new Creating] 0 s\n[d-new Available] 1 s\n"
        + "[d-new Attaching] 0 s\n[d-new In_use] 1 s\n", r.err());
  }

  @Test
  void policyArraysSurviveTheWire() {
    CliHarness.Result r = run("snapshot", "policy", "create", "--name", "n", "--hours", "0,12",
        "--weekdays", "1,7", "--retention-days", "7");
    assertEquals(0, r.exit(), r.err());
    assertEquals("sp-1\n", r.out());
    assertEquals("[\"0\",\"12\"]", ecs.requests().get(0).get("timePoints"));
    assertEquals("[\"1\",\"7\"]", ecs.requests().get(0).get("repeatWeekdays"));
    assertEquals("n", ecs.requests().get(0).get("autoSnapshotPolicyName"));
  }

  @Test
  void anEcsErrorPrintsItsCodeAndExits1() {
    CliHarness.Result r = run("disk", "delete", "d-busy");
    assertEquals(1, r.exit());
    assertEquals("Error: IncorrectDiskStatus: The current disk status does not support this"
        + " operation. (RequestId R9)\n", r.err());
    assertEquals("d-busy", ecs.requests().get(0).get("DiskId"));
  }
}
