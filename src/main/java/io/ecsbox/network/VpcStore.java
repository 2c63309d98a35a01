package io.ecsbox.network;

import io.ecsbox.tag.TagStore;

import io.ecsbox.store.Database;
import io.ecsbox.common.Cidr;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code vpcs} and {@code vswitches} tables. */
public final class VpcStore {
  private static final String VPC_COLS = "vpc_id, account_id, name, description, cidr, vrouter_id,"
      + " route_table_id, status, is_default, created, deleting";
  private static final String VSW_COLS = "vswitch_id, account_id, vpc_id, zone_id, name, description, cidr,"
      + " status, is_default, created, deleting";

  private final Database db;

  public VpcStore(Database db) {
    this.db = db;
  }

  public Database db() {
    return db;
  }

  // ---- VPCs

  public static void insert(Connection c, Vpc v) throws SQLException {
    Database.update(c, "INSERT INTO vpcs (" + VPC_COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", v.id(),
        v.accountId(), v.name(), v.description(), v.cidr().toString(), v.vRouterId(), v.routeTableId(),
        v.status(), v.isDefault() ? 1 : 0, v.created().toString(), v.deleting() ? 1 : 0);
  }

  public static Optional<Vpc> findVpc(Connection c, String id) throws SQLException {
    return Database.query(c, "SELECT " + VPC_COLS + " FROM vpcs WHERE vpc_id = ?", VpcStore::vpcRow, id)
        .stream().findFirst();
  }

  public Optional<Vpc> findVpc(String id) {
    return db.tx(c -> findVpc(c, id));
  }

  /** Every VPC, those being deleted included, oldest first. */
  public List<Vpc> vpcs() {
    return db.query("SELECT " + VPC_COLS + " FROM vpcs ORDER BY created, vpc_id", VpcStore::vpcRow);
  }

  public void setVpcStatus(String id, String status) {
    db.update("UPDATE vpcs SET status = ? WHERE vpc_id = ?", status, id);
  }

  /** Updates name and description; null leaves a field as it is. */
  public void updateVpc(String id, String name, String description) {
    db.update("UPDATE vpcs SET name = COALESCE(?, name), description = COALESCE(?, description) WHERE vpc_id = ?",
        name, description, id);
  }

  public static void setVpcDeleting(Connection c, String id, boolean deleting) throws SQLException {
    Database.update(c, "UPDATE vpcs SET deleting = ? WHERE vpc_id = ?", deleting ? 1 : 0, id);
  }

  public void setVpcDeleting(String id, boolean deleting) {
    db.tx(c -> {
      setVpcDeleting(c, id, deleting);
      return null;
    });
  }

  public void deleteVpc(String id) {
    db.tx(c -> {
      TagStore.deleteOf(c, id);
      return Database.update(c, "DELETE FROM vpcs WHERE vpc_id = ?", id);
    });
  }

  // ---- vSwitches

  public static void insert(Connection c, VSwitch v) throws SQLException {
    Database.update(c, "INSERT INTO vswitches (" + VSW_COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", v.id(),
        v.accountId(), v.vpcId(), v.zoneId(), v.name(), v.description(), v.cidr().toString(), v.status(),
        v.isDefault() ? 1 : 0, v.created().toString(), v.deleting() ? 1 : 0);
  }

  public static Optional<VSwitch> findVSwitch(Connection c, String id) throws SQLException {
    return Database.query(c, "SELECT " + VSW_COLS + " FROM vswitches WHERE vswitch_id = ?", VpcStore::vswRow, id)
        .stream().findFirst();
  }

  public Optional<VSwitch> findVSwitch(String id) {
    return db.tx(c -> findVSwitch(c, id));
  }

  /** The vSwitches of a VPC, those being deleted included, oldest first. */
  public static List<VSwitch> vSwitchesOf(Connection c, String vpcId) throws SQLException {
    return Database.query(c, "SELECT " + VSW_COLS + " FROM vswitches WHERE vpc_id = ? ORDER BY created, vswitch_id",
        VpcStore::vswRow, vpcId);
  }

  /** Every vSwitch, those being deleted included, oldest first. */
  public List<VSwitch> vSwitches() {
    return db.query("SELECT " + VSW_COLS + " FROM vswitches ORDER BY created, vswitch_id", VpcStore::vswRow);
  }

  public void setVSwitchStatus(String id, String status) {
    db.update("UPDATE vswitches SET status = ? WHERE vswitch_id = ?", status, id);
  }

  public void updateVSwitch(String id, String name, String description) {
    db.update("UPDATE vswitches SET name = COALESCE(?, name), description = COALESCE(?, description)"
        + " WHERE vswitch_id = ?", name, description, id);
  }

  public static void setVSwitchDeleting(Connection c, String id, boolean deleting) throws SQLException {
    Database.update(c, "UPDATE vswitches SET deleting = ? WHERE vswitch_id = ?", deleting ? 1 : 0, id);
  }

  public void setVSwitchDeleting(String id, boolean deleting) {
    db.tx(c -> {
      setVSwitchDeleting(c, id, deleting);
      return null;
    });
  }

  public void deleteVSwitch(String id) {
    db.tx(c -> {
      TagStore.deleteOf(c, id);
      return Database.update(c, "DELETE FROM vswitches WHERE vswitch_id = ?", id);
    });
  }

  /** Drops a ClientToken record whose create was rolled back, so a retry makes a new one. */
  public void forgetToken(String accountId, String action, String token) {
    if (token != null) {
      db.update("DELETE FROM client_tokens WHERE account_id = ? AND action = ? AND token = ?", accountId, action, token);
    }
  }

  private static Vpc vpcRow(ResultSet rs) throws SQLException {
    return new Vpc(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Cidr.parse(rs.getString(5)),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9) == 1, Instant.parse(rs.getString(10)),
        rs.getInt(11) == 1);
  }

  private static VSwitch vswRow(ResultSet rs) throws SQLException {
    return new VSwitch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), Cidr.parse(rs.getString(7)), rs.getString(8), rs.getInt(9) == 1,
        Instant.parse(rs.getString(10)), rs.getInt(11) == 1);
  }
}
