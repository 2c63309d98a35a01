package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.compute.InstanceEvent;
import io.ecsbox.compute.InstanceEvents;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DescribeInstanceHistoryEvents: the system events of instances (a start the host could not
 * do, a guest killed from outside), newest first. Every event ecsbox records has already
 * happened (cycle status Executed), so by default, as in ECS, all are listed.
 */
public final class InstanceEventActions {
  /** ECS's cycle-status codes; ecsbox only records Executed. */
  private static final Map<String, Integer> CYCLE_CODES = Map.of("Executed", 0, "Avoided", 8);
  /** The event types ecsbox records, with the code it gives each (its own numbering). */
  private static final Map<String, Integer> TYPE_CODES = Map.of(InstanceEvent.SYSTEM_FAILURE_STOP, 100);
  /** What ECS lists when no cycle status is asked for: the finished ones. */
  private static final List<String> FINISHED = List.of("Avoided", "Executed", "Canceled", "Failed");

  private final InstanceEvents events;

  public InstanceEventActions(InstanceEvents events) {
    this.events = events;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeInstanceHistoryEvents", this::describe);
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    String resourceType = p.get("ResourceType").orElse("instance");
    List<String> instanceIds = new ArrayList<>(p.list("ResourceId", 100));
    if (instanceIds.isEmpty() && p.has("InstanceId")) {
      instanceIds.add(p.require("InstanceId"));
    }
    List<String> types = p.list("InstanceEventType", 30);
    if (types.isEmpty() && p.has("EventType")) {
      types = List.of(p.require("EventType"));
    }
    List<String> cycles = p.list("InstanceEventCycleStatus", 7);
    if (cycles.isEmpty()) {
      cycles = p.has("EventCycleStatus") ? List.of(p.require("EventCycleStatus")) : FINISHED;
    }
    Instant from = time(p, "EventPublishTime.Start");
    Instant to = time(p, "EventPublishTime.End");
    Instant notBeforeFrom = time(p, "NotBefore.Start");
    Instant notBeforeTo = time(p, "NotBefore.End");
    checkOrder(from, to);
    checkOrder(notBeforeFrom, notBeforeTo);
    List<String> eventIds = p.list("EventId", 100);
    List<InstanceEvent> all = !"instance".equals(resourceType) ? List.of()
        : events.list(new InstanceEvents.Query(req.accountId(), instanceIds, eventIds, types, cycles,
            later(from, notBeforeFrom), earlier(to, notBeforeTo)));
    Page<InstanceEvent> page = Page.of(all, p, 100);
    ObjectNode out = Json.object();
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "InstanceSystemEventSet", "InstanceSystemEventType");
    for (InstanceEvent e : page.items()) {
      // An ecsbox event is published, due and finished at the moment it happened.
      ObjectNode o = a.addObject().put("InstanceId", e.instanceId()).put("EventId", e.id())
          .put("EventPublishTime", Json.seconds(e.published())).put("NotBefore", Json.seconds(e.published()))
          .put("EventFinishTime", Json.seconds(e.finished())).put("Reason", e.reason())
          .put("ResourceType", "instance").put("ImpactLevel", "");
      o.putObject("EventType").put("Code", TYPE_CODES.getOrDefault(e.type(), 0)).put("Name", e.type());
      o.putObject("EventCycleStatus").put("Code", CYCLE_CODES.getOrDefault(e.cycleStatus(), 0))
          .put("Name", e.cycleStatus());
      o.putObject("ExtendedAttribute");
    }
    return out;
  }

  // NotBefore and the publish time are one moment for ecsbox's events: both ranges narrow it.
  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static Instant time(Params p, String name) {
    String v = p.getOrNull(name);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw EcsException.invalid(name, "a UTC time such as 2026-12-01T06:32:31Z, got " + v);
    }
  }

  private static void checkOrder(Instant start, Instant end) {
    if (start != null && end != null && end.isBefore(start)) {
      throw EcsException.forbidden("InvalidParameter.TimeEndBeforeStart",
          "The specified end time is earlier than the start time.");
    }
  }
}
