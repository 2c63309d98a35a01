package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ecsbox.cli.client.EcsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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

  private HttpServer server;
  private final List<Map<String, String>> requests = new ArrayList<>();
  private int diskPolls;

  @BeforeEach
  void startFakeEcs() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      String text;
      synchronized (requests) {
        requests.add(q);
        text = answer(q);
      }
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
      ex.sendResponseHeaders(text.contains("\"Code\"") ? 403 : 200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
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
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    FakeClock clock = new FakeClock();
    CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err),
        () -> new EcsClient(endpoint, "ak-test", "sk-test")::call, clock, clock.sleeper(), false,
        Map.of());
    int exit = Main.run(ctx, args);
    return new CliHarness.Result(exit, out.toString(), err.toString());
  }

  private List<String> actions() {
    return requests.stream().map(q -> q.get("Action")).toList();
  }

  @Test
  void diskCreateAttachWaitGoesThroughEveryState() {
    CliHarness.Result r = run("disk", "create", "--size", "20", "--category", "cloud_ssd",
        "--attach", "i-a", "--wait");
    assertEquals(0, r.exit(), r.err());
    assertEquals("d-new\nd-new: In_use on i-a as /dev/xvdb\n", r.out());
    assertEquals(List.of("DescribeInstances", "CreateDisk", "DescribeDisks", "DescribeDisks",
        "AttachDisk", "DescribeDisks", "DescribeDisks"), actions());
    Map<String, String> create = requests.get(1);
    assertEquals("local-1a", create.get("ZoneId"));
    assertEquals("cloud_ssd", create.get("DiskCategory"));
    assertEquals("20", create.get("Size"));
    assertEquals("2014-05-26", create.get("Version"));
    assertEquals("[\"d-new\"]", requests.get(2).get("DiskIds"));
    assertEquals("d-new", requests.get(4).get("DiskId"));
    assertEquals("i-a", requests.get(4).get("InstanceId"));
    assertEquals("[d-new Creating] 0 s\n[d-new Available] 1 s\n"
        + "[d-new Attaching] 0 s\n[d-new In_use] 1 s\n", r.err());
  }

  @Test
  void policyArraysSurviveTheWire() {
    CliHarness.Result r = run("snapshot", "policy", "create", "--name", "n", "--hours", "0,12",
        "--weekdays", "1,7", "--retention-days", "7");
    assertEquals(0, r.exit(), r.err());
    assertEquals("sp-1\n", r.out());
    assertEquals("[\"0\",\"12\"]", requests.get(0).get("timePoints"));
    assertEquals("[\"1\",\"7\"]", requests.get(0).get("repeatWeekdays"));
    assertEquals("n", requests.get(0).get("autoSnapshotPolicyName"));
  }

  @Test
  void anEcsErrorPrintsItsCodeAndExits1() {
    CliHarness.Result r = run("disk", "delete", "d-busy");
    assertEquals(1, r.exit());
    assertEquals("Error: IncorrectDiskStatus: The current disk status does not support this"
        + " operation. (RequestId R9)\n", r.err());
    assertEquals("d-busy", requests.get(0).get("DiskId"));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String kv : raw == null ? new String[0] : raw.split("&")) {
      int eq = kv.indexOf('=');
      out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
