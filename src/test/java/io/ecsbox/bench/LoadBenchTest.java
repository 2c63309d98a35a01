package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.client.EcsApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadBenchTest {
  private static final ObjectMapper M = new ObjectMapper();

  /**
   * A daemon in memory that refuses what ECS refuses (IncorrectInstanceStatus), throttles
   * every 9th call, moves an instance on one step at each DescribeInstances, and on delete
   * either hides it at once or lists it as Stopping for two more DescribeInstances.
   */
  private static final class FakeEcs {
    final boolean listedUntilReleased;
    final int max;
    final Map<String, String> status = new LinkedHashMap<>();
    final Map<String, Integer> releasing = new LinkedHashMap<>();
    final List<String> made = new ArrayList<>();
    int calls;
    int mostAlive;

    FakeEcs(boolean listedUntilReleased, int max) {
      this.listedUntilReleased = listedUntilReleased;
      this.max = max;
    }

    synchronized JsonNode call(String action, Map<String, String> p) {
      if (++calls % 9 == 0) {
        throw new EcsApiException(400, "Throttling", "Request was denied due to request throttling.", "r");
      }
      ObjectNode out = M.createObjectNode();
      String id = p.get("InstanceId");
      switch (action) {
        case "RunInstances" -> {
          String n = "i-fake" + made.size();
          made.add(n);
          status.put(n, "Pending");
          mostAlive = Math.max(mostAlive, status.size() + releasing.size());
          out.putObject("InstanceIdSets").putArray("InstanceIdSet").add(n);
        }
        case "StopInstance" -> change(id, "Running", "Stopping");
        case "StartInstance" -> change(id, "Stopped", "Starting");
        case "DeleteInstance" -> {
          require(id, Boolean.parseBoolean(p.get("Force")) ? status.get(id) : "Stopped");
          status.remove(id);
          if (listedUntilReleased) {
            releasing.put(id, 2);
          }
        }
        case "DescribeInstances" -> {
          ArrayNode a = out.putObject("Instances").putArray("Instance");
          String ids = p.get("InstanceIds");
          status.replaceAll((k, v) -> switch (v) {
            case "Pending", "Starting" -> "Running";
            case "Stopping" -> "Stopped";
            default -> v;
          });
          status.forEach((k, v) -> {
            if (ids == null || ids.contains('"' + k + '"')) {
              a.addObject().put("InstanceId", k).put("Status", v);
            }
          });
          releasing.forEach((k, v) -> {
            if (ids == null || ids.contains('"' + k + '"')) {
              a.addObject().put("InstanceId", k).put("Status", "Stopping");
            }
          });
          releasing.replaceAll((k, v) -> v - 1);
          releasing.values().removeIf(v -> v <= 0);
          out.put("TotalCount", a.size());
        }
        default -> out.put("TotalCount", 0);
      }
      return out;
    }

    private void change(String id, String from, String to) {
      require(id, from);
      status.put(id, to);
    }

    private void require(String id, String needed) {
      if (!status.containsKey(id)) {
        throw new EcsApiException(404, "InvalidInstanceId.NotFound", id, "r");
      }
      if (!status.get(id).equals(needed)) {
        throw new EcsApiException(403, "IncorrectInstanceStatus", id + " is " + status.get(id), "r");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void clientsStayInTheBoundCallOnlyWhatMaySucceedAndLeaveNothingListed(boolean listedUntilReleased)
      throws InterruptedException {
    FakeEcs ecs = new FakeEcs(listedUntilReleased, 3);
    List<String> tracked = new CopyOnWriteArrayList<>();
    LoadBench.Result r = new LoadBench(ecs::call, new FakeTicker(100_000), 5, line -> { }, tracked::add)
        .run(new LoadBench.Settings(4, Duration.ofSeconds(2), 3, "img", "type"));
    LoadStats st = r.stats();
    assertEquals(Map.of(), st.errors());
    assertTrue(st.throttledCalls() > 0);
    assertTrue(ecs.mostAlive <= 3, "at most 3 alive in the daemon, saw " + ecs.mostAlive);
    assertTrue(r.peak() <= 3);
    assertEquals(Set.copyOf(ecs.made), Set.copyOf(r.made())); // in the order the answers came
    assertEquals(Set.copyOf(ecs.made), Set.copyOf(tracked));
    assertEquals(ecs.made.size(), r.made().size());
    for (LoadAction a : LoadAction.values()) {
      assertTrue(st.rows().stream().anyMatch(row -> row.action() == a && row.calls() > row.throttled()),
          a + " was called and answered: " + st.rows());
    }
    assertEquals(List.of(), r.cleanup().stillListed());
    assertTrue(ecs.status.isEmpty() && ecs.releasing.isEmpty(), ecs.status + " " + ecs.releasing);
  }
}
