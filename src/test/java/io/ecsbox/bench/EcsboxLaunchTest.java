package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcsboxLaunchTest {
  private static final ObjectMapper M = new ObjectMapper();

  /** A fake daemon: instances are Running at once and READY on the second console read. */
  private static final class FakeDaemon {
    final List<String> ids = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final Map<String, Integer> reads = new java.util.HashMap<>();
    /** Ids the host fails to start: they show Stopped with a reason. */
    final java.util.Set<String> failing = new java.util.HashSet<>();

    JsonNode call(String action, Map<String, String> p) {
      ObjectNode out = M.createObjectNode();
      switch (action) {
        case "RunInstances" -> {
          ArrayNode a = out.putObject("InstanceIdSets").putArray("InstanceIdSet");
          for (int i = 0; i < Integer.parseInt(p.get("Amount")); i++) {
            String id = "i-fake" + ids.size();
            ids.add(id);
            a.add(id);
          }
        }
        case "DescribeInstanceStatus" -> {
          ArrayNode a = out.putObject("InstanceStatuses").putArray("InstanceStatus");
          ids.stream().filter(id -> !deleted.contains(id))
              .forEach(id -> {
                ObjectNode o = a.addObject().put("InstanceId", id);
                if (failing.contains(id)) {
                  o.put("Status", "Stopped").putObject("EcsboxStatusReason").put("Code", "SystemFailure.Stop")
                      .put("Message", "no AIO");
                } else {
                  o.put("Status", "Running").putObject("EcsboxStatusReason");
                }
              });
          out.put("TotalCount", a.size());
        }
        case "GetInstanceConsoleOutput" -> {
          String id = p.get("InstanceId");
          int n = reads.merge(id, 1, Integer::sum);
          String text = n >= 2 ? "boot\nECSBOX-READY instance-id=" + id + " hostname=bench\n" : "boot\n";
          out.put("ConsoleOutput", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        }
        case "DeleteInstance" -> deleted.add(p.get("InstanceId"));
        case "DescribeInstances" -> out.put("TotalCount", 0);
        default -> throw new IllegalArgumentException(action);
      }
      return out;
    }
  }

  @Test
  void timesEveryInstanceToReadyAndReleasesThem(@TempDir Path dataDir) throws Exception {
    FakeDaemon d = new FakeDaemon();
    LaunchResult r = new EcsboxLaunch(d::call, dataDir).run(3, "img", "ecs.t", 30);
    assertEquals(3, r.ready().size());
    assertFalse(Double.isNaN(r.allRunning()));
    assertFalse(Double.isNaN(r.allReady()));
    assertTrue(r.allReady() >= r.allRunning());
    assertTrue(d.deleted.containsAll(d.ids));
  }

  @Test
  void aStartTheHostCouldNotDoEndsTheWaitAtOnceWithItsReason(@TempDir Path dataDir) throws Exception {
    FakeDaemon d = new FakeDaemon();
    d.failing.add("i-fake1");
    long t0 = System.nanoTime();
    LaunchResult r = new EcsboxLaunch(d::call, dataDir).run(3, "img", "ecs.t", 600);
    assertTrue((System.nanoTime() - t0) / 1e9 < 60, "did not wait for the timeout");
    assertEquals(Map.of("i-fake1", "SystemFailure.Stop: no AIO"), r.failures());
    assertEquals(2, r.ready().size());
    assertTrue(Double.isNaN(r.allReady()), "not all READY");
    assertTrue(r.describe().contains("FAILED 1"), r.describe());
    assertTrue(d.deleted.containsAll(d.ids), "the failed one is released too");
  }
}
