package io.ecsbox.compute;

import io.ecsbox.agent.GuestAccess;
import io.ecsbox.tag.TagStore;
import io.ecsbox.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of the {@code instances} table and their tags. */
public final class InstanceStore {
  private static final String COLS =
      "instance_id, account_id, name, host_name, description, status, instance_type, vcpus,"
          + " memory_mib, image_id, zone_id, system_disk_gib, system_disk_category, user_data,"
          + " serial_number, created, started, deleting, key_pair_name";
  private static final String SELECT = "SELECT " + COLS
      + ", status_reason_code, status_reason, status_reason_time FROM instances";

  private final Database db;
  private final Clock clock;

  public InstanceStore(Database db) {
    this(db, Clock.systemUTC());
  }

  /** {@code clock} stamps when an instance last started. */
  public InstanceStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Inserts the instances and their tags in the caller's transaction. */
  public static void insert(Connection c, Collection<Instance> instances) throws SQLException {
    for (Instance i : instances) {
      Database.update(c, "INSERT INTO instances (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
          i.id(), i.accountId(), i.name(), i.hostName(), i.description(), i.status().name(),
          i.instanceType(), i.vcpus(), i.memoryMiB(), i.imageId(), i.zoneId(), i.systemDiskGiB(),
          i.systemDiskCategory(), i.userData(), i.serialNumber(), i.created().toString(),
          i.started() == null ? null : i.started().toString(), i.deleting() ? 1 : 0, i.keyPairName());
      for (Map.Entry<String, String> t : i.tags().entrySet()) {
        Database.update(c, "INSERT INTO tags (resource_id, tag_key, tag_value) VALUES (?,?,?)",
            i.id(), t.getKey(), t.getValue());
      }
    }
  }

  public Optional<Instance> find(String id) {
    return db.tx(c -> {
      List<Instance> l = Database.query(c, SELECT + " WHERE instance_id = ?",
          InstanceStore::row, id);
      return l.isEmpty() ? Optional.<Instance>empty() : Optional.of(withTags(c, l.get(0)));
    });
  }

  /** Every instance, the ones being deleted included, oldest first. */
  public List<Instance> all() {
    return db.tx(c -> {
      List<Instance> l = Database.query(c, SELECT + " ORDER BY created, instance_id",
          InstanceStore::row);
      Map<String, Map<String, String>> tags = new LinkedHashMap<>();
      for (var t : Database.query(c, "SELECT resource_id, tag_key, tag_value FROM tags ORDER BY rowid",
          rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
        tags.computeIfAbsent(t[0], k -> new LinkedHashMap<>()).put(t[1], t[2]);
      }
      return l.stream().map(i -> withTags(i, tags.getOrDefault(i.id(), Map.of()))).toList();
    });
  }

  /** Sets the status and clears any reason the host gave for the last one; false when the row is gone. */
  public boolean setStatus(String id, InstanceStatus status) {
    return setStatus(id, status, null);
  }

  /**
   * Sets the status the host chose and why (null: none, e.g. a start the user asked for);
   * returns false when the row is gone.
   */
  public boolean setStatus(String id, InstanceStatus status, StatusReason reason) {
    String started = status == InstanceStatus.Running ? clock.instant().toString() : null;
    return db.update("UPDATE instances SET status = ?, started = COALESCE(?, started), status_reason_code = ?,"
        + " status_reason = ?, status_reason_time = ? WHERE instance_id = ?", status.name(), started,
        reason == null ? null : reason.code(), reason == null ? null : reason.message(),
        reason == null ? null : reason.time().toString(), id) == 1;
  }

  /**
   * Moves the status from one of {@code from} to {@code to} atomically; returns false (and
   * changes nothing) when the current status is not in {@code from}.
   */
  public boolean transition(String id, Collection<InstanceStatus> from, InstanceStatus to) {
    return db.tx(c -> transition(c, id, from, to));
  }

  /** {@link #transition} with the reason the host gives for the new status (null: none). */
  public boolean transition(String id, Collection<InstanceStatus> from, InstanceStatus to, StatusReason reason) {
    return db.tx(c -> transition(c, id, from, to, reason));
  }

  /** {@link #transition} in the caller's transaction. */
  public static boolean transition(Connection c, String id, Collection<InstanceStatus> from, InstanceStatus to)
      throws SQLException {
    return transition(c, id, from, to, null);
  }

  private static boolean transition(Connection c, String id, Collection<InstanceStatus> from, InstanceStatus to,
      StatusReason reason) throws SQLException {
    List<String> cur = Database.query(c,
        "SELECT status FROM instances WHERE instance_id = ? AND deleting = 0", rs -> rs.getString(1), id);
    if (cur.isEmpty() || !from.contains(InstanceStatus.valueOf(cur.get(0)))) {
      return false;
    }
    Database.update(c, "UPDATE instances SET status = ?, status_reason_code = ?, status_reason = ?,"
        + " status_reason_time = ? WHERE instance_id = ?", to.name(), reason == null ? null : reason.code(),
        reason == null ? null : reason.message(), reason == null ? null : reason.time().toString(), id);
    return true;
  }

  /** vCPUs and memory held by instances that are not Stopped (the ones being deleted included). */
  public static io.ecsbox.scheduler.Scheduler.Usage usage(Connection c) throws SQLException {
    return Database.query(c, "SELECT COALESCE(SUM(vcpus), 0), COALESCE(SUM(memory_mib), 0), COUNT(*),"
        + " COALESCE(SUM(CASE WHEN status IN ('Pending', 'Starting') THEN 1 ELSE 0 END), 0) FROM instances"
        + " WHERE status <> 'Stopped'", rs -> new io.ecsbox.scheduler.Scheduler.Usage(rs.getInt(1), rs.getLong(2),
            rs.getInt(3), rs.getInt(4))).get(0);
  }

  public void markDeleting(String id) {
    db.update("UPDATE instances SET deleting = 1 WHERE instance_id = ?", id);
  }

  public void delete(String id) {
    db.tx(c -> {
      TagStore.deleteOf(c, id);
      return Database.update(c, "DELETE FROM instances WHERE instance_id = ?", id);
    });
  }

  /** How the metadata service answers an instance: HttpTokens optional|required, HttpEndpoint enabled|disabled. */
  public record MetadataOptions(String httpTokens, String httpEndpoint) {
    public static final MetadataOptions DEFAULT = new MetadataOptions("optional", "enabled");
  }

  public static void setMetadataOptions(Connection c, String id, String httpTokens, String httpEndpoint)
      throws SQLException {
    Database.update(c, "UPDATE instances SET metadata_http_tokens = COALESCE(?, metadata_http_tokens),"
        + " metadata_http_endpoint = COALESCE(?, metadata_http_endpoint) WHERE instance_id = ?",
        httpTokens, httpEndpoint, id);
  }

  public void setMetadataOptions(String id, String httpTokens, String httpEndpoint) {
    db.tx(c -> {
      setMetadataOptions(c, id, httpTokens, httpEndpoint);
      return null;
    });
  }

  public MetadataOptions metadataOptions(String id) {
    return db.query("SELECT metadata_http_tokens, metadata_http_endpoint FROM instances WHERE instance_id = ?",
        rs -> new MetadataOptions(rs.getString(1), rs.getString(2)), id).stream().findFirst()
        .orElse(MetadataOptions.DEFAULT);
  }

  /** Updates the user-editable attributes; null leaves a field as it is. */
  public void updateAttributes(String id, String name, String hostName, String description, String userData) {
    db.update("UPDATE instances SET name = COALESCE(?, name), host_name = COALESCE(?, host_name),"
            + " description = COALESCE(?, description), user_data = COALESCE(?, user_data)"
            + " WHERE instance_id = ?", name, hostName, description, userData, id);
  }

  /**
   * The guest's access for a start: the bound key pair's public key and the password hash, as
   * they are now. They are recorded as what the guest booted with, which the metadata service
   * serves until the next start ({@link #bootedAccess}).
   */
  public GuestAccess startAccess(String id) {
    return db.tx(c -> {
      List<String> keys = Database.query(c, "SELECT k.public_key FROM instances i JOIN key_pairs k"
          + " ON k.account_id = i.account_id AND k.name = i.key_pair_name WHERE i.instance_id = ?",
          rs -> rs.getString(1), id);
      List<String> hash = Database.query(c, "SELECT password_hash FROM instances WHERE instance_id = ?",
          rs -> rs.getString(1), id);
      GuestAccess a = new GuestAccess(keys, hash.isEmpty() ? null : hash.get(0));
      Database.update(c, "UPDATE instances SET booted_public_keys = ?, booted_password_hash = ?"
          + " WHERE instance_id = ?", String.join("\n", a.publicKeys()), a.passwordHash(), id);
      return a;
    });
  }

  /** What the guest got at its last start ({@link GuestAccess#NONE} before its first). */
  public GuestAccess bootedAccess(String id) {
    return db.query("SELECT booted_public_keys, booted_password_hash FROM instances WHERE instance_id = ?",
        rs -> new GuestAccess(rs.getString(1).isEmpty() ? List.of() : List.of(rs.getString(1).split("\n")),
            rs.getString(2)), id).stream().findFirst().orElse(GuestAccess.NONE);
  }

  /** Sets the root password hash (null: the image's own) in the caller's transaction; it applies at next start. */
  public static void setPasswordHash(Connection c, String id, String hash) throws SQLException {
    Database.update(c, "UPDATE instances SET password_hash = ? WHERE instance_id = ?", hash, id);
  }

  /** Binds the key pair {@code name} ("" for none) in the caller's transaction; it applies at next start. */
  public static void setKeyPairName(Connection c, String id, String name) throws SQLException {
    Database.update(c, "UPDATE instances SET key_pair_name = ? WHERE instance_id = ?", name, id);
  }

  public void updateSpec(String id, String type, int vcpus, long memoryMiB) {
    db.update("UPDATE instances SET instance_type = ?, vcpus = ?, memory_mib = ? WHERE instance_id = ?",
        type, vcpus, memoryMiB, id);
  }

  private static Instance withTags(Connection c, Instance i) throws SQLException {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String[] t : Database.query(c, "SELECT tag_key, tag_value FROM tags WHERE resource_id = ? ORDER BY rowid",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, i.id())) {
      tags.put(t[0], t[1]);
    }
    return withTags(i, tags);
  }

  private static Instance withTags(Instance i, Map<String, String> tags) {
    return new Instance(i.id(), i.accountId(), i.name(), i.hostName(), i.description(), i.status(),
        i.instanceType(), i.vcpus(), i.memoryMiB(), i.imageId(), i.zoneId(), i.systemDiskGiB(),
        i.systemDiskCategory(), i.userData(), i.serialNumber(), i.created(), i.started(),
        i.deleting(), java.util.Collections.unmodifiableMap(tags), i.statusReason(), i.keyPairName());
  }

  private static Instance row(ResultSet rs) throws SQLException {
    String started = rs.getString(17);
    return new Instance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), InstanceStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getInt(8),
        rs.getLong(9), rs.getString(10), rs.getString(11), rs.getInt(12), rs.getString(13),
        rs.getString(14), rs.getString(15), Instant.parse(rs.getString(16)),
        started == null ? null : Instant.parse(started), rs.getInt(18) == 1, Map.of(),
        rs.getString(20) == null ? null : new StatusReason(rs.getString(20), rs.getString(21),
            Instant.parse(rs.getString(22))), rs.getString(19));
  }
}
