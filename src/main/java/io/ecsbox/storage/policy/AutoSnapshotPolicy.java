package io.ecsbox.storage.policy;

import java.time.Instant;
import java.util.Map;

/**
 * An automatic snapshot policy ({@code sp-...}) of one account.
 *
 * @param retentionDays -1 keeps its snapshots forever, else 1–65536
 * @param lastRun the instant up to which scheduled slots are handled; null before the first
 *     run, when the creation time counts instead
 */
public record AutoSnapshotPolicy(
    String id,
    String accountId,
    String name,
    SnapshotSchedule schedule,
    int retentionDays,
    String status,
    Instant created,
    Instant lastRun,
    Map<String, String> tags) {
  public static final String NORMAL = "Normal";

  public AutoSnapshotPolicy {
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
  }

  /** Slots after this instant are still to run. */
  public Instant handledUntil() {
    return lastRun != null ? lastRun : created;
  }
}
