package io.ecsbox.storage.policy;

import io.ecsbox.common.Ids;
import io.ecsbox.common.ServiceException;
import io.ecsbox.storage.AutoSnapshotTarget;
import io.ecsbox.storage.DiskError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic snapshot policies: their rules (100 per account, names, retention), which disks
 * carry them, and the runner that takes the snapshots when a slot of a schedule comes due.
 * The snapshots themselves are the {@link AutoSnapshotTarget}'s work.
 */
public final class AutoSnapshotPolicyService {
  private static final Logger log = LoggerFactory.getLogger(AutoSnapshotPolicyService.class);
  public static final int MAX_POLICIES = 100;
  public static final int MAX_RETENTION_DAYS = 65536;
  /** How often the daemon runs {@link #tickNow} to look for due slots; slots are on the hour. */
  public static final Duration TICK_PERIOD = Duration.ofSeconds(30);
  private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{N}:_\\-]{1,127}");

  /** What CreateAutoSnapshotPolicy asks for; a null name is empty, null retention is -1. */
  public record NewPolicy(String accountId, String name, SnapshotSchedule schedule, Integer retentionDays,
      Map<String, String> tags) {}

  /** What ModifyAutoSnapshotPolicyEx changes; null keeps the current value. */
  public record Change(String name, List<Integer> timePoints, List<Integer> repeatWeekdays, Integer retentionDays) {}

  private final AutoSnapshotPolicyStore store;
  private final AutoSnapshotTarget target;
  private final Clock clock;

  public AutoSnapshotPolicyService(AutoSnapshotPolicyStore store, AutoSnapshotTarget target, Clock clock) {
    this.store = store;
    this.target = target;
    this.clock = clock;
  }

  /** Creates a policy; returns its id. Throws {@link PolicyError#QUOTA_EXCEEDED} past 100 per account. */
  public String create(NewPolicy req) {
    String name = req.name() == null ? "" : req.name();
    checkName(name);
    int retention = req.retentionDays() == null ? -1 : checkRetention(req.retentionDays());
    AutoSnapshotPolicy p = new AutoSnapshotPolicy(Ids.next("sp"), req.accountId(), name, req.schedule(), retention,
        AutoSnapshotPolicy.NORMAL, clock.instant().truncatedTo(ChronoUnit.SECONDS), null, req.tags());
    return store.db().tx(c -> {
      if (AutoSnapshotPolicyStore.count(c, req.accountId()) >= MAX_POLICIES) {
        throw new ServiceException(PolicyError.QUOTA_EXCEEDED,
            "The maximum number of automatic snapshot policy has been reached (" + MAX_POLICIES + ").");
      }
      AutoSnapshotPolicyStore.insert(c, p);
      return p.id();
    });
  }

  /**
   * Changes name, schedule or retention. A new schedule starts now: slots it would have had
   * in the past are not caught up. Retention counts for the snapshots taken from now on.
   */
  public void modify(String accountId, String policyId, Change ch) {
    if (ch.name() != null) {
      checkName(ch.name());
    }
    if (ch.retentionDays() != null) {
      checkRetention(ch.retentionDays());
    }
    store.db().tx(c -> {
      AutoSnapshotPolicy p = AutoSnapshotPolicyStore.find(c, accountId, policyId)
          .orElseThrow(() -> PolicyError.notFound(policyId));
      boolean newSchedule = ch.timePoints() != null || ch.repeatWeekdays() != null;
      SnapshotSchedule schedule = !newSchedule ? p.schedule() : new SnapshotSchedule(
          ch.timePoints() != null ? ch.timePoints() : p.schedule().timePoints(),
          ch.repeatWeekdays() != null ? ch.repeatWeekdays() : p.schedule().repeatWeekdays());
      AutoSnapshotPolicyStore.update(c, new AutoSnapshotPolicy(p.id(), p.accountId(),
          ch.name() != null ? ch.name() : p.name(), schedule,
          ch.retentionDays() != null ? ch.retentionDays() : p.retentionDays(), p.status(), p.created(),
          newSchedule ? clock.instant() : p.lastRun(), p.tags()));
      return null;
    });
  }

  /** Deletes the policy after taking it off its disks; their snapshots stay. */
  public void delete(String accountId, String policyId) {
    store.db().tx(c -> {
      AutoSnapshotPolicyStore.find(c, accountId, policyId).orElseThrow(() -> PolicyError.notFound(policyId));
      AutoSnapshotPolicyStore.delete(c, policyId);
      return null;
    });
  }

  /**
   * Puts the policy on the disks (replacing the policy they had: one per disk, as in the 2021
   * API) and enables their auto snapshots. All or nothing: one unknown disk changes none.
   */
  public void apply(String accountId, String policyId, List<String> diskIds) {
    List<String> ids = distinct(diskIds);
    store.db().tx(c -> {
      AutoSnapshotPolicyStore.find(c, accountId, policyId).orElseThrow(() -> PolicyError.notFound(policyId));
      checkDisks(AutoSnapshotPolicyStore.missingDisks(c, accountId, ids));
      AutoSnapshotPolicyStore.apply(c, accountId, policyId, ids);
      return null;
    });
  }

  /** Takes any policy off the disks and disables their auto snapshots. All or nothing. */
  public void cancel(String accountId, List<String> diskIds) {
    List<String> ids = distinct(diskIds);
    store.db().tx(c -> {
      checkDisks(AutoSnapshotPolicyStore.missingDisks(c, accountId, ids));
      AutoSnapshotPolicyStore.cancel(c, accountId, ids);
      return null;
    });
  }

  /** The account's policies, oldest first, filtered by id, name and tags (null or empty: any). */
  public List<AutoSnapshotPolicy> describe(String accountId, String policyId, String name, Map<String, String> tags) {
    return store.list(accountId).stream()
        .filter(p -> policyId == null || p.id().equals(policyId))
        .filter(p -> name == null || p.name().equals(name))
        .filter(p -> tags.entrySet().stream().allMatch(t -> p.tags().containsKey(t.getKey())
            && (t.getValue().isEmpty() || t.getValue().equals(p.tags().get(t.getKey())))))
        .toList();
  }

  /** DiskNums of the account's policies: policy id → disks carrying it (absent: none). */
  public Map<String, Integer> diskCounts(String accountId) {
    return store.diskCounts(accountId);
  }

  /**
   * Runs every policy that has a slot due at {@code now}: one automatic snapshot per enabled
   * disk (however many slots a stopped daemon missed), then the policy's last run is now.
   * A disk that fails is logged and does not stop the others. Then expired snapshots go.
   */
  public synchronized void tick(Instant now) {
    for (AutoSnapshotPolicy p : store.all()) {
      Optional<Instant> slot = p.schedule().due(p.handledUntil(), now);
      if (slot.isEmpty()) {
        continue;
      }
      List<String> disks = store.enabledDisks(p.id());
      int ok = 0;
      for (String disk : disks) {
        try {
          target.createAutoSnapshot(p.accountId(), disk, p.id(), p.retentionDays());
          ok++;
        } catch (RuntimeException e) {
          log.warn("auto snapshot policy {}: snapshot of disk {} failed: {}", p.id(), disk, e.toString());
        }
      }
      store.setLastRun(p.id(), now);
      log.info("auto snapshot policy {}: slot {}: {} of {} disks snapshotted", p.id(), slot.get(), ok, disks.size());
    }
    try {
      List<String> expired = target.expireSnapshots(now);
      if (!expired.isEmpty()) {
        log.info("auto snapshots expired: {}", expired);
      }
    } catch (RuntimeException e) {
      log.warn("expiring snapshots failed: {}", e.toString());
    }
  }

  /** {@link #tick} at the clock's now: the daemon runs it every {@link #TICK_PERIOD}. */
  public void tickNow() {
    tick(clock.instant());
  }

  private static void checkName(String name) {
    if (!name.isEmpty() && (!NAME.matcher(name).matches() || name.startsWith("http://")
        || name.startsWith("https://"))) {
      throw new ServiceException(PolicyError.NAME_MALFORMED,
          "The policy name must be 2-128 characters, start with a letter, and use letters, digits, ':', '_', '-'.");
    }
  }

  private static int checkRetention(int days) {
    if (days != -1 && (days < 1 || days > MAX_RETENTION_DAYS)) {
      throw new ServiceException(PolicyError.VALUE_INVALID, "The specified RetentionDays parameter is invalid: use -1"
          + " (keep forever) or 1 to " + MAX_RETENTION_DAYS + ", got " + days + ".");
    }
    return days;
  }

  private static List<String> distinct(List<String> diskIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(diskIds));
    if (ids.isEmpty() || ids.stream().anyMatch(String::isBlank)) {
      throw new ServiceException(PolicyError.VALUE_INVALID, "The specified DiskIds are invalid: give a JSON array of"
          + " disk ids such as [\"d-1\",\"d-2\"].");
    }
    return ids;
  }

  private static void checkDisks(List<String> missing) {
    if (!missing.isEmpty()) {
      throw new ServiceException(DiskError.NOT_FOUND,
          "The specified disk does not exist: " + String.join(", ", missing) + ".");
    }
  }
}
