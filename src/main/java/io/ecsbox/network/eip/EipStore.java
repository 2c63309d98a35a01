package io.ecsbox.network.eip;

import io.ecsbox.tag.TagStore;

import io.ecsbox.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rows of the {@code eips} table: elastic IPs and the NAT public IPs of instances. */
public final class EipStore {
  private static final String COLS = "allocation_id, account_id, ip, bandwidth, charge_type, status, kind, eni_id,"
      + " instance_id, name, description, created";
  private final Database db;

  public EipStore(Database db) {
    this.db = db;
  }

  public Database db() {
    return db;
  }

  public static void insert(Connection c, Eip e) throws SQLException {
    Database.update(c, "INSERT INTO eips (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", e.allocationId(),
        e.accountId(), e.ip(), e.bandwidth(), e.chargeType(), e.status(), e.kind(), e.eniId(), e.instanceId(),
        e.name(), e.description(), e.created().toString());
  }

  public static Optional<Eip> find(Connection c, String allocationId) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM eips WHERE allocation_id = ?", EipStore::row, allocationId)
        .stream().findFirst();
  }

  public Optional<Eip> find(String allocationId) {
    return db.tx(c -> find(c, allocationId));
  }

  /** Every address in use by a row, of any kind or status. */
  public static Set<String> usedIps(Connection c) throws SQLException {
    return new HashSet<>(Database.query(c, "SELECT ip FROM eips", rs -> rs.getString(1)));
  }

  /** Rows associated (or being) with the ENI or, when not null, the instance. */
  public static List<Eip> holding(Connection c, String eniId, String instanceId) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM eips WHERE status != 'Available'"
        + " AND (eni_id = ? OR (? IS NOT NULL AND instance_id = ?)) ORDER BY created, rowid",
        EipStore::row, eniId, instanceId, instanceId);
  }

  /** Every row, oldest first. */
  public List<Eip> all() {
    return db.query("SELECT " + COLS + " FROM eips ORDER BY created, rowid", EipStore::row);
  }

  /** The account's elastic IPs (not NAT IPs), oldest first. */
  public List<Eip> elastic(String accountId) {
    return db.query("SELECT " + COLS + " FROM eips WHERE account_id = ? AND kind = 'eip'"
        + " ORDER BY created, rowid", EipStore::row, accountId);
  }

  public List<Eip> ofInstance(String instanceId) {
    return db.query("SELECT " + COLS + " FROM eips WHERE instance_id = ? ORDER BY created, rowid",
        EipStore::row, instanceId);
  }

  public List<Eip> ofEni(String eniId) {
    return db.query("SELECT " + COLS + " FROM eips WHERE eni_id = ? ORDER BY created, rowid",
        EipStore::row, eniId);
  }

  public static void setState(Connection c, String allocationId, String status, String eniId, String instanceId)
      throws SQLException {
    Database.update(c, "UPDATE eips SET status = ?, eni_id = ?, instance_id = ? WHERE allocation_id = ?", status,
        eniId, instanceId, allocationId);
  }

  public void setState(String allocationId, String status, String eniId, String instanceId) {
    db.tx(c -> {
      setState(c, allocationId, status, eniId, instanceId);
      return null;
    });
  }

  public void setStatus(String allocationId, String status) {
    db.update("UPDATE eips SET status = ? WHERE allocation_id = ?", status, allocationId);
  }

  /** Sets bandwidth, name, description; null leaves a field as it is. */
  public void update(String allocationId, Integer bandwidth, String name, String description) {
    db.update("UPDATE eips SET bandwidth = COALESCE(?, bandwidth), name = COALESCE(?, name),"
        + " description = COALESCE(?, description) WHERE allocation_id = ?", bandwidth, name, description,
        allocationId);
  }

  public void delete(String allocationId) {
    db.tx(c -> {
      TagStore.deleteOf(c, allocationId);
      return Database.update(c, "DELETE FROM eips WHERE allocation_id = ?", allocationId);
    });
  }

  /** Drops a ClientToken record whose allocation was rolled back. */
  public void forgetToken(String accountId, String action, String token) {
    if (token != null) {
      db.update("DELETE FROM client_tokens WHERE account_id = ? AND action = ? AND token = ?", accountId, action,
          token);
    }
  }

  private static Eip row(ResultSet rs) throws SQLException {
    return new Eip(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        Instant.parse(rs.getString(12)));
  }
}
