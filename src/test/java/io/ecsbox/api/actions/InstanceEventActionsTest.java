package io.ecsbox.api.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.TestErrors;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Params;
import io.ecsbox.cli.common.FakeClock;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceEvent;
import io.ecsbox.compute.InstanceEvents;
import io.ecsbox.compute.InstanceStatus;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeInstanceHistoryEvents against a model of the events: filters, paging, order, errors. */
class InstanceEventActionsTest {
  @TempDir Path dir;
  private Database db;
  private FakeClock clock;
  private InstanceEvents events;
  private ActionRegistry registry;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    clock = new FakeClock();
    events = new InstanceEvents(db, clock);
    registry = new ActionRegistry();
    new InstanceEventActions(events).registerIn(registry);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String account, Map<String, String> params) {
    return registry.find("DescribeInstanceHistoryEvents").orElseThrow()
        .handle(new ApiRequest(account, "DescribeInstanceHistoryEvents", new Params(params), "REQ", "localhost"));
  }

  private static Instance instance(String id, String account) {
    return new Instance(id, account, id, id, "", InstanceStatus.Stopped, "t", 1, 512, "img", "z", 20, "cloud_essd", "",
        "sn", Instant.EPOCH, null, false, Map.of(), null, "");
  }

  @Test
  void randomQueriesAnswerWhatTheModelSays() {
    Random rnd = new Random(16);
    List<InstanceEvent> all = new ArrayList<>();
    List<String> ids = List.of("i-a", "i-b", "i-c");
    for (int n = 0; n < 60; n++) {
      clock.advance(Duration.ofSeconds(1 + rnd.nextInt(100)));
      String id = ids.get(rnd.nextInt(ids.size()));
      all.add(events.record(instance(id, rnd.nextInt(5) == 0 ? "other" : "acc"), InstanceEvent.SYSTEM_FAILURE_STOP,
          "reason " + n));
    }
    Instant first = all.get(0).published();
    Instant last = all.get(all.size() - 1).published();
    for (int probe = 0; probe < 300; probe++) {
      Map<String, String> p = new HashMap<>();
      List<String> wanted = new ArrayList<>();
      if (rnd.nextBoolean()) {
        for (int k = 1; k <= 1 + rnd.nextInt(2); k++) {
          String id = ids.get(rnd.nextInt(ids.size()));
          p.put("ResourceId." + k, id);
          wanted.add(id);
        }
      } else if (rnd.nextBoolean()) {
        wanted.add(ids.get(rnd.nextInt(ids.size())));
        p.put("InstanceId", wanted.get(0));
      }
      Instant from = null;
      Instant to = null;
      if (rnd.nextBoolean()) {
        from = first.plusSeconds(rnd.nextInt((int) Duration.between(first, last).toSeconds() + 1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        p.put("EventPublishTime.Start", from.toString());
      }
      if (rnd.nextBoolean()) {
        to = first.plusSeconds(rnd.nextInt((int) Duration.between(first, last).toSeconds() + 1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (from != null && to.isBefore(from)) {
          Instant t = from;
          from = to;
          to = t;
          p.put("EventPublishTime.Start", from.toString());
        }
        p.put("EventPublishTime.End", to.toString());
      }
      String type = rnd.nextInt(4) == 0 ? "SystemMaintenance.Reboot" : null;
      if (type != null) {
        p.put("EventType", type);
      }
      int size = 1 + rnd.nextInt(20);
      p.put("PageSize", String.valueOf(size));
      p.put("PageNumber", "1");
      final Instant f = from;
      final Instant t = to;
      List<String> expected = all.stream().filter(e -> e.accountId().equals("acc"))
          .filter(e -> wanted.isEmpty() || wanted.contains(e.instanceId()))
          .filter(e -> f == null || !e.published().isBefore(f)).filter(e -> t == null || !e.published().isAfter(t))
          .filter(e -> type == null)
          .sorted(Comparator.comparing(InstanceEvent::published).reversed()).map(InstanceEvent::id).toList();
      List<String> got = new ArrayList<>();
      for (int page = 1; ; page++) {
        p.put("PageNumber", String.valueOf(page));
        JsonNode r = call("acc", p);
        assertEquals(expected.size(), r.path("TotalCount").asInt(), p.toString());
        JsonNode items = r.path("InstanceSystemEventSet").path("InstanceSystemEventType");
        items.forEach(e -> got.add(e.path("EventId").asText()));
        if (items.size() < size) {
          break;
        }
      }
      assertEquals(expected, got, p.toString());
    }
  }

  @Test
  void anEventHasTheShapeTheSdksRead() {
    InstanceEvent e = events.record(instance("i-a", "acc"), InstanceEvent.SYSTEM_FAILURE_STOP, "killed");
    JsonNode item = call("acc", Map.of()).path("InstanceSystemEventSet").path("InstanceSystemEventType").get(0);
    assertEquals(e.id(), item.path("EventId").asText());
    assertEquals("i-a", item.path("InstanceId").asText());
    assertEquals("SystemFailure.Stop", item.path("EventType").path("Name").asText());
    assertEquals("Executed", item.path("EventCycleStatus").path("Name").asText());
    assertEquals(0, item.path("EventCycleStatus").path("Code").asInt());
    assertEquals("killed", item.path("Reason").asText());
    assertEquals(item.path("EventPublishTime").asText(), item.path("EventFinishTime").asText());
    assertEquals(0, call("acc", Map.of("InstanceEventCycleStatus.1", "Scheduled")).path("TotalCount").asInt(),
        "ecsbox events have all happened");
    assertEquals(0, call("acc", Map.of("ResourceType", "ddh")).path("TotalCount").asInt());
  }

  @Test
  void eventsAreKeptThirtyDays() {
    events.record(instance("i-a", "acc"), InstanceEvent.SYSTEM_FAILURE_STOP, "old");
    clock.advance(Duration.ofDays(31));
    events.record(instance("i-a", "acc"), InstanceEvent.SYSTEM_FAILURE_STOP, "new");
    JsonNode r = call("acc", Map.of());
    assertEquals(1, r.path("TotalCount").asInt());
    assertEquals("new", r.path("InstanceSystemEventSet").path("InstanceSystemEventType").get(0).path("Reason").asText());
  }

  @Test
  void badTimesAreRefusedLikeEcs() {
    assertEquals("InvalidParameter.TimeEndBeforeStart", TestErrors.thrown(() -> call("acc",
        Map.of("EventPublishTime.Start", "2026-12-02T00:00:00Z", "EventPublishTime.End", "2026-12-01T00:00:00Z")))
        .code());
    assertEquals("InvalidParameter",
        TestErrors.thrown(() -> call("acc", Map.of("EventPublishTime.Start", "yesterday"))).code());
    assertEquals("InvalidParameter.PageSize", TestErrors.thrown(() -> call("acc", Map.of("PageSize", "101"))).code());
  }
}
