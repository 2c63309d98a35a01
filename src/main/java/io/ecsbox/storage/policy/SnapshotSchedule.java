package io.ecsbox.storage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.common.ServiceException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When an auto snapshot policy runs: on the hours {@code timePoints} (0–23) of the weekdays
 * {@code repeatWeekdays} (1–7, Monday = 1), both read in UTC+8 as ECS defines them. Values
 * are sorted and unique. Pure: callers pass the instants.
 */
public record SnapshotSchedule(List<Integer> timePoints, List<Integer> repeatWeekdays) {
  /** ECS reads time points and weekdays in China Standard Time. */
  public static final ZoneOffset ECS_ZONE = ZoneOffset.ofHours(8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HOURS_PER_WEEK = 7 * 24;

  public SnapshotSchedule {
    timePoints = checked(timePoints, 0, 23, "TimePoints");
    repeatWeekdays = checked(repeatWeekdays, 1, 7, "RepeatWeekdays");
  }

  /** Parses both JSON arrays as the SDK sends them, e.g. {@code ["0", "12"]} and {@code ["1","7"]}. */
  public static SnapshotSchedule parse(String timePointsJson, String repeatWeekdaysJson) {
    return new SnapshotSchedule(parseTimePoints(timePointsJson), parseRepeatWeekdays(repeatWeekdaysJson));
  }

  /** A JSON array of hours 0–23, as strings or numbers: {@code ["0","1"]} or {@code [0,1]}. */
  public static List<Integer> parseTimePoints(String json) {
    return checked(parseArray(json, "TimePoints"), 0, 23, "TimePoints");
  }

  /** A JSON array of weekdays 1–7 (Monday = 1), as strings or numbers. */
  public static List<Integer> parseRepeatWeekdays(String json) {
    return checked(parseArray(json, "RepeatWeekdays"), 1, 7, "RepeatWeekdays");
  }

  /** {@code ["0","12"]}: the form DescribeAutoSnapshotPolicyEx answers and the store keeps. */
  public String timePointsJson() {
    return toJson(timePoints);
  }

  public String repeatWeekdaysJson() {
    return toJson(repeatWeekdays);
  }

  /**
   * The latest scheduled instant in {@code (since, now]}, if any. However many slots were
   * missed (a daemon down for days), this is one run: the caller takes one snapshot.
   */
  public Optional<Instant> due(Instant since, Instant now) {
    ZonedDateTime t = now.atZone(ECS_ZONE).truncatedTo(ChronoUnit.HOURS);
    for (int i = 0; i <= HOURS_PER_WEEK && t.toInstant().isAfter(since); i++, t = t.minusHours(1)) {
      if (matches(t)) {
        return Optional.of(t.toInstant());
      }
    }
    return Optional.empty();
  }

  /** The first scheduled instant strictly after {@code after}. */
  public Instant next(Instant after) {
    ZonedDateTime t = after.atZone(ECS_ZONE).truncatedTo(ChronoUnit.HOURS).plusHours(1);
    while (!matches(t)) {
      t = t.plusHours(1); // ends within a week: both lists are non-empty
    }
    return t.toInstant();
  }

  private boolean matches(ZonedDateTime t) {
    return timePoints.contains(t.getHour()) && repeatWeekdays.contains(t.getDayOfWeek().getValue()); // Monday = 1
  }

  private static List<Integer> parseArray(String json, String name) {
    if (json == null || json.isBlank()) {
      throw ServiceException.missing(name.substring(0, 1).toLowerCase() + name.substring(1));
    }
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      n = null;
    }
    if (n == null || !n.isArray()) {
      throw invalid(name, "not a JSON array such as [\"1\",\"2\"]: " + json);
    }
    List<Integer> out = new java.util.ArrayList<>();
    for (JsonNode e : n) {
      String text = e.isTextual() ? e.asText().trim() : e.isIntegralNumber() ? e.asText() : null;
      if (text == null || !text.matches("-?\\d{1,9}")) {
        throw invalid(name, "not a whole number: " + e);
      }
      out.add(Integer.parseInt(text));
    }
    return out;
  }

  private static List<Integer> checked(List<Integer> values, int min, int max, String name) {
    if (values == null || values.isEmpty()) {
      throw invalid(name, "give at least one value");
    }
    TreeSet<Integer> set = new TreeSet<>();
    for (Integer v : values) {
      if (v == null || v < min || v > max) {
        throw invalid(name, "values are " + min + " to " + max + ", got " + v);
      }
      set.add(v);
    }
    return List.copyOf(set);
  }

  private static ServiceException invalid(String name, String why) {
    return new ServiceException(PolicyError.VALUE_INVALID,
        "The specified " + name + " parameter is invalid: " + why + ".");
  }

  private static String toJson(List<Integer> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
  }
}
