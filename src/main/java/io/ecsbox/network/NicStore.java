package io.ecsbox.network;

import io.ecsbox.tag.TagStore;

import io.ecsbox.store.Database;
import io.ecsbox.agent.DhcpHost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code network_interfaces} table. */
public final class NicStore implements VpcService.VSwitchNics {
  private static final String COLS = "eni_id, account_id, vpc_id, vswitch_id, zone_id, type, status, instance_id,"
      + " device_index, mac, private_ip, name, description, created";
  private final Database db;

  public NicStore(Database db) {
    this.db = db;
  }

  public Database db() {
    return db;
  }

  public static void insert(Connection c, NetworkInterface n) throws SQLException {
    Database.update(c, "INSERT INTO network_interfaces (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", n.id(),
        n.accountId(), n.vpcId(), n.vSwitchId(), n.zoneId(), n.type(), n.status(), n.instanceId(), n.deviceIndex(),
        n.mac(), n.privateIp(), n.name(), n.description(), n.created().toString());
  }

  public static Optional<NetworkInterface> find(Connection c, String id) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM network_interfaces WHERE eni_id = ?", NicStore::row, id)
        .stream().findFirst();
  }

  public Optional<NetworkInterface> find(String id) {
    return db.tx(c -> find(c, id));
  }

  /** The NICs attached to an instance, primary first, then by device index. */
  public static List<NetworkInterface> ofInstance(Connection c, String instanceId) throws SQLException {
    return Database.query(c, "SELECT " + COLS + " FROM network_interfaces WHERE instance_id = ?"
        + " ORDER BY device_index, eni_id", NicStore::row, instanceId);
  }

  public List<NetworkInterface> ofInstance(String instanceId) {
    return db.tx(c -> ofInstance(c, instanceId));
  }

  /** The attached NIC holding {@code ip} in {@code vpcId} (whose guest asks the metadata service). */
  public Optional<NetworkInterface> attachedAt(String vpcId, String ip) {
    return db.query("SELECT " + COLS + " FROM network_interfaces WHERE vpc_id = ? AND private_ip = ?"
        + " AND instance_id IS NOT NULL", NicStore::row, vpcId, ip).stream().findFirst();
  }

  /** Every NIC, oldest first. */
  public List<NetworkInterface> all() {
    return db.query("SELECT " + COLS + " FROM network_interfaces ORDER BY created, eni_id", NicStore::row);
  }

  /** The private IPs taken in a vSwitch. */
  public static List<String> ipsOf(Connection c, String vSwitchId) throws SQLException {
    return Database.query(c, "SELECT private_ip FROM network_interfaces WHERE vswitch_id = ?",
        rs -> rs.getString(1), vSwitchId);
  }

  public static boolean macTaken(Connection c, String mac) throws SQLException {
    return !Database.query(c, "SELECT 1 FROM network_interfaces WHERE mac = ?", rs -> 1, mac).isEmpty();
  }

  /** The fixed DHCP leases of a vSwitch: every NIC in it, attached or not (an ENI keeps its address). */
  @Override
  public List<DhcpHost> dhcpHosts(String vSwitchId) {
    return db.query("SELECT mac, private_ip FROM network_interfaces WHERE vswitch_id = ? ORDER BY private_ip",
        rs -> new DhcpHost(rs.getString(1), rs.getString(2)), vSwitchId);
  }

  @Override
  public boolean vSwitchInUse(String vSwitchId) {
    return !db.query("SELECT 1 FROM network_interfaces WHERE vswitch_id = ? LIMIT 1", rs -> 1, vSwitchId).isEmpty();
  }

  public static void setAttachment(Connection c, String id, String instanceId, Integer deviceIndex, String status)
      throws SQLException {
    Database.update(c, "UPDATE network_interfaces SET instance_id = ?, device_index = ?, status = ? WHERE eni_id = ?",
        instanceId, deviceIndex, status, id);
  }

  public void setStatus(String id, String status) {
    db.update("UPDATE network_interfaces SET status = ? WHERE eni_id = ?", status, id);
  }

  public void updateAttributes(String id, String name, String description) {
    db.update("UPDATE network_interfaces SET name = COALESCE(?, name), description = COALESCE(?, description)"
        + " WHERE eni_id = ?", name, description, id);
  }

  public static void delete(Connection c, String id) throws SQLException {
    TagStore.deleteOf(c, id);
    Database.update(c, "DELETE FROM network_interfaces WHERE eni_id = ?", id);
  }

  private static NetworkInterface row(ResultSet rs) throws SQLException {
    int index = rs.getInt("device_index");
    Integer deviceIndex = rs.wasNull() ? null : index;
    return new NetworkInterface(rs.getString("eni_id"), rs.getString("account_id"), rs.getString("vpc_id"),
        rs.getString("vswitch_id"), rs.getString("zone_id"), rs.getString("type"), rs.getString("status"),
        rs.getString("instance_id"), deviceIndex, rs.getString("mac"), rs.getString("private_ip"),
        rs.getString("name"), rs.getString("description"), Instant.parse(rs.getString("created")));
  }
}
