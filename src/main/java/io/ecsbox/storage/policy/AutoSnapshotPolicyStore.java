package io.ecsbox.storage.policy;

import io.ecsbox.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows of {@code auto_snapshot_policies} (tags in {@code tags}) and the policy columns of
 * {@code disks}. Static methods run in the caller's transaction ({@link Database#tx}).
 */
public final class AutoSnapshotPolicyStore {
  private static final String COLS =
      "policy_id, account_id, name, time_points, repeat_weekdays, retention_days, status, created, last_run";

  private final Database db;

  public AutoSnapshotPolicyStore(Database db) {
    this.db = db;
  }

  public Database db() {
    return db;
  }

  /** Inserts the policy and its tags. */
  public static void insert(Connection c, AutoSnapshotPolicy p) throws SQLException {
    Database.update(c, "INSERT INTO auto_snapshot_policies (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?)",
        p.id(), p.accountId(), p.name(), p.schedule().timePointsJson(), p.schedule().repeatWeekdaysJson(),
        p.retentionDays(), p.status(), p.created().toString(), str(p.lastRun()));
    for (Map.Entry<String, String> t : p.tags().entrySet()) {
      Database.update(c, "INSERT INTO tags (resource_id, tag_key, tag_value) VALUES (?,?,?)",
          p.id(), t.getKey(), t.getValue());
    }
  }

  /** How many policies the account has. */
  public static int count(Connection c, String accountId) throws SQLException {
    return Database.query(c, "SELECT COUNT(*) FROM auto_snapshot_policies WHERE account_id = ?",
        rs -> rs.getInt(1), accountId).get(0);
  }

  public Optional<AutoSnapshotPolicy> find(String accountId, String id) {
    return db.tx(c -> find(c, accountId, id));
  }

  /** The account's policy, with its tags. */
  public static Optional<AutoSnapshotPolicy> find(Connection c, String accountId, String id) throws SQLException {
    List<AutoSnapshotPolicy> l = Database.query(c, "SELECT " + COLS + " FROM auto_snapshot_policies"
        + " WHERE policy_id = ? AND account_id = ?", AutoSnapshotPolicyStore::row, id, accountId);
    return l.isEmpty() ? Optional.empty() : Optional.of(withTags(c, l.get(0)));
  }

  /** The account's policies, oldest first, with their tags. */
  public List<AutoSnapshotPolicy> list(String accountId) {
    return db.tx(c -> {
      List<AutoSnapshotPolicy> out = new ArrayList<>();
      for (AutoSnapshotPolicy p : Database.query(c, "SELECT " + COLS + " FROM auto_snapshot_policies"
          + " WHERE account_id = ? ORDER BY created, policy_id", AutoSnapshotPolicyStore::row, accountId)) {
        out.add(withTags(c, p));
      }
      return out;
    });
  }

  /** Every account's policies (without tags): what the runner walks. */
  public List<AutoSnapshotPolicy> all() {
    return db.query("SELECT " + COLS + " FROM auto_snapshot_policies ORDER BY created, policy_id",
        AutoSnapshotPolicyStore::row);
  }

  /** Writes name, schedule, retention and last run. */
  public static void update(Connection c, AutoSnapshotPolicy p) throws SQLException {
    Database.update(c, "UPDATE auto_snapshot_policies SET name = ?, time_points = ?, repeat_weekdays = ?,"
        + " retention_days = ?, last_run = ? WHERE policy_id = ?", p.name(), p.schedule().timePointsJson(),
        p.schedule().repeatWeekdaysJson(), p.retentionDays(), str(p.lastRun()), p.id());
  }

  public void setLastRun(String id, Instant t) {
    db.update("UPDATE auto_snapshot_policies SET last_run = ? WHERE policy_id = ?", t.toString(), id);
  }

  /** Takes the policy off its disks, then deletes it and its tags. */
  public static void delete(Connection c, String id) throws SQLException {
    Database.update(c, "UPDATE disks SET auto_snapshot_policy_id = NULL, enable_auto_snapshot = 0"
        + " WHERE auto_snapshot_policy_id = ?", id);
    Database.update(c, "DELETE FROM tags WHERE resource_id = ?", id);
    Database.update(c, "DELETE FROM auto_snapshot_policies WHERE policy_id = ?", id);
  }

  /** The ids among {@code diskIds} that are not disks of the account (or are being deleted). */
  public static List<String> missingDisks(Connection c, String accountId, Collection<String> diskIds)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    for (String id : diskIds) {
      if (Database.query(c, "SELECT 1 FROM disks WHERE disk_id = ? AND account_id = ? AND deleting = 0",
          rs -> 1, id, accountId).isEmpty()) {
        missing.add(id);
      }
    }
    return missing;
  }

  /** Sets the policy on the account's disks (replacing any other) and enables auto snapshots. */
  public static void apply(Connection c, String accountId, String policyId, Collection<String> diskIds)
      throws SQLException {
    for (String id : diskIds) {
      Database.update(c, "UPDATE disks SET auto_snapshot_policy_id = ?, enable_auto_snapshot = 1"
          + " WHERE disk_id = ? AND account_id = ?", policyId, id, accountId);
    }
  }

  /** Clears the policy of the account's disks and disables their auto snapshots. */
  public static void cancel(Connection c, String accountId, Collection<String> diskIds) throws SQLException {
    for (String id : diskIds) {
      Database.update(c, "UPDATE disks SET auto_snapshot_policy_id = NULL, enable_auto_snapshot = 0"
          + " WHERE disk_id = ? AND account_id = ?", id, accountId);
    }
  }

  /** DiskNums: policy id → number of live disks that carry it, for the account's policies. */
  public Map<String, Integer> diskCounts(String accountId) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String[] r : db.query("SELECT auto_snapshot_policy_id, COUNT(*) FROM disks WHERE account_id = ?"
        + " AND deleting = 0 AND auto_snapshot_policy_id IS NOT NULL GROUP BY auto_snapshot_policy_id",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, accountId)) {
      out.put(r[0], Integer.parseInt(r[1]));
    }
    return out;
  }

  /** The live disks the policy snapshots: those carrying it with auto snapshots enabled. */
  public List<String> enabledDisks(String policyId) {
    return db.query("SELECT disk_id FROM disks WHERE auto_snapshot_policy_id = ? AND enable_auto_snapshot = 1"
        + " AND deleting = 0 ORDER BY created, disk_id", rs -> rs.getString(1), policyId);
  }

  private static AutoSnapshotPolicy withTags(Connection c, AutoSnapshotPolicy p) throws SQLException {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String[] t : Database.query(c, "SELECT tag_key, tag_value FROM tags WHERE resource_id = ? ORDER BY rowid",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, p.id())) {
      tags.put(t[0], t[1]);
    }
    return new AutoSnapshotPolicy(p.id(), p.accountId(), p.name(), p.schedule(), p.retentionDays(), p.status(),
        p.created(), p.lastRun(), tags);
  }

  private static AutoSnapshotPolicy row(ResultSet rs) throws SQLException {
    String lastRun = rs.getString(9);
    return new AutoSnapshotPolicy(rs.getString(1), rs.getString(2), rs.getString(3),
        SnapshotSchedule.parse(rs.getString(4), rs.getString(5)), rs.getInt(6), rs.getString(7),
        Instant.parse(rs.getString(8)), lastRun == null ? null : Instant.parse(lastRun), Map.of());
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
