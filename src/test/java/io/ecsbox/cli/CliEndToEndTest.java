package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives real command lines through the real HTTP client against a fake ECS endpoint. */
class CliEndToEndTest {
  private FakeEcsEndpoint ecs;
  private final AtomicInteger describes = new AtomicInteger();
  private final AtomicInteger consoles = new AtomicInteger();

  @BeforeEach
  void startFakeEcs() throws IOException {
    ecs = new FakeEcsEndpoint(404, this::answer);
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  private String answer(Map<String, String> q) {
    switch (q.get("Action")) {
      case "DescribeInstances":
        String status = describes.incrementAndGet() == 1 ? "Pending" : "Running";
        return "{\"RequestId\":\"R1\",\"TotalCount\":2,\"PageNumber\":1,\"PageSize\":10,"
            + "\"Instances\":{\"Instance\":[" + instance("i-a", "alpha", status) + ","
            + instance("i-b", "beta", status) + "]}}";
      case "RunInstances":
        return "{\"RequestId\":\"R2\",\"InstanceIdSets\":{\"InstanceIdSet\":[\"i-a\",\"i-b\"]}}";
      case "GetInstanceConsoleOutput":
        String log = consoles.incrementAndGet() <= 1 ? "booting\n"
            : "booting\nECSBOX-READY " + q.get("InstanceId") + " ip=10.0.0.9\n";
        return "{\"RequestId\":\"R3\",\"InstanceId\":\"" + q.get("InstanceId")
            + "\",\"ConsoleOutput\":\""
            + Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8)) + "\"}";
      default:
        return "{\"RequestId\":\"R9\",\"Code\":\"InvalidAction.NotFound\","
            + "\"Message\":\"Specified api is not found.\"}";
    }
  }

  private static String instance(String id, String name, String status) {
    return "{\"InstanceId\":\"" + id + "\",\"InstanceName\":\"" + name + "\",\"Status\":\""
        + status + "\",\"InstanceType\":\"ecs.t5.small\",\"Cpu\":1,\"Memory\":512,"
        + "\"ImageId\":\"m-tiny\",\"CreationTime\":\"2024-05-01T10:00Z\"}";
  }

  private CliHarness.Result run(String... args) {
    return ecs.run(args);
  }

  @Test
  void instanceListPrintsATable() {
    CliHarness.Result r = run("instance", "list");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "ID   NAME   STATUS   TYPE          CPU  MEM(MiB)  IMAGE   CREATED            PRIVATE IP"
            + "  PUBLIC IP\n"
            + "i-a  alpha  Pending  ecs.t5.small  1    512       m-tiny  2024-05-01T10:00Z  -"
            + "           -\n"
            + "i-b  beta   Pending  ecs.t5.small  1    512       m-tiny  2024-05-01T10:00Z  -"
            + "           -\n",
        r.out());
    assertEquals("DescribeInstances", ecs.requests().get(0).get("Action"));
    assertEquals("ak-test", ecs.requests().get(0).get("AccessKeyId"));
  }

  @Test
  void instanceRunWaitsForRunningAndReady() {
    CliHarness.Result r = run("instance", "run", "--image", "m-tiny", "--type", "ecs.t5.small",
        "--amount", "2", "--user-data", "hello", "--tag", "lab=1", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("i-a\ni-b\n"
        + "i-a: ECSBOX-READY i-a ip=10.0.0.9\n"
        + "i-b: ECSBOX-READY i-b ip=10.0.0.9\n", r.out());
    assertTrue(r.err().contains("[0/2 Running, 0 READY] 0 s"), r.err());
    assertTrue(r.err().contains("[2/2 Running, 2 READY]"), r.err());
    Map<String, String> runReq = ecs.requests().get(0);
    assertEquals("RunInstances", runReq.get("Action"));
    assertEquals("2", runReq.get("Amount"));
    assertEquals("aGVsbG8=", runReq.get("UserData"));
    assertEquals("lab", runReq.get("Tag.1.Key"));
    assertEquals("1", runReq.get("Tag.1.Value"));
  }

  @Test
  void apiErrorsFromTheServerExit1() {
    CliHarness.Result r = run("type", "families");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("Error: InvalidAction.NotFound: Specified api is not found."),
        r.err());
  }
}
