package io.ecsbox.cli.snapshot;

import io.ecsbox.cli.common.Params;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The schedule options {@code policy create} and {@code policy modify} share, checked here and
 * sent with ECS's lower-camel names: {@code autoSnapshotPolicyName}, {@code timePoints} and
 * {@code repeatWeekdays} (JSON arrays of strings) and {@code retentionDays}.
 */
public final class PolicyOptions {
  @Option(names = "--name", paramLabel = "NAME", description = "Policy name.")
  String name;

  @Option(
      names = "--hours",
      split = ",",
      paramLabel = "HOUR",
      description = "Hours of the day to take snapshots at, 0-23, comma-separated (e.g. 0,12)."
          + " Like ECS, ecsbox reads them as UTC+8 (China Standard Time).")
  List<Integer> hours = new ArrayList<>();

  @Option(
      names = "--weekdays",
      split = ",",
      paramLabel = "DAY",
      description = "Days of the week to take snapshots on, 1-7 with 1 = Monday,"
          + " comma-separated (e.g. 1,3,5).")
  List<Integer> weekdays = new ArrayList<>();

  @Option(
      names = "--retention-days",
      paramLabel = "DAYS",
      description = "Keep each automatic snapshot this many days (1-65536), or -1 to keep"
          + " them until the per-disk snapshot limit is reached.")
  Integer retentionDays;

  boolean isEmpty() {
    return name == null && hours.isEmpty() && weekdays.isEmpty() && retentionDays == null;
  }

  /**
   * The policy parameters that were given.
   *
   * @throws CommandLine.ParameterException naming the option when a value is out of range
   */
  Params toParams(CommandLine cmd) {
    check(cmd, "--hours", hours, 0, 23);
    check(cmd, "--weekdays", weekdays, 1, 7);
    if (retentionDays != null && retentionDays != -1
        && (retentionDays < 1 || retentionDays > 65536)) {
      throw new CommandLine.ParameterException(cmd, "Invalid --retention-days " + retentionDays
          + ": give 1 to 65536 days, or -1 to keep snapshots until the limit.");
    }
    Params p = new Params().put("autoSnapshotPolicyName", name);
    if (!hours.isEmpty()) {
      p.jsonArray("timePoints", strings(hours));
    }
    if (!weekdays.isEmpty()) {
      p.jsonArray("repeatWeekdays", strings(weekdays));
    }
    return p.put("retentionDays", retentionDays);
  }

  private static void check(CommandLine cmd, String option, List<Integer> values, int min,
      int max) {
    for (int v : values) {
      if (v < min || v > max) {
        throw new CommandLine.ParameterException(cmd,
            "Invalid " + option + " value " + v + ": give numbers from " + min + " to " + max + ".");
      }
    }
    if (values.stream().distinct().count() != values.size()) {
      throw new CommandLine.ParameterException(cmd, "Invalid " + option + ": "
          + values + " lists a value twice.");
    }
  }

  private static List<String> strings(List<Integer> values) {
    return values.stream().map(String::valueOf).toList();
  }
}
