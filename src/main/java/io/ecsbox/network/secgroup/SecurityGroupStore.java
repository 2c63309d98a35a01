package io.ecsbox.network.secgroup;

import io.ecsbox.tag.TagStore;

import io.ecsbox.store.Database;
import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgRule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows of {@code security_groups}, {@code sg_rules} and {@code eni_security_groups}; reads (never
 * writes) {@code network_interfaces} and {@code instances}. Membership order is the NIC's group
 * order (ordinal).
 */
public final class SecurityGroupStore {
  private static final Logger log = LoggerFactory.getLogger(SecurityGroupStore.class);
  private static final String SG_COLS = "sg_id, account_id, vpc_id, name, description, type, inner_access_policy,"
      + " is_default, created";
  private static final String RULE_COLS = "rule_id, sg_id, direction, ip_protocol, port_range, source_port_range,"
      + " cidr, peer_group_id, policy, priority, nic_type, description, created";
  private static final String NIC_COLS = "eni_id, account_id, vpc_id, type, instance_id, mac, private_ip";

  /** The columns of a NIC row this store needs. */
  public record NicRow(String id, String accountId, String vpcId, String type, String instanceId, String mac,
      String privateIp) {}

  /** The columns of an instance row this store needs. */
  public record InstanceRow(String id, String accountId, String status, boolean deleting) {}

  private final Database db;

  public SecurityGroupStore(Database db) {
    this.db = db;
  }

  public Database db() {
    return db;
  }

  // ---- groups

  public static void insertGroup(Connection c, GroupRecord g) throws SQLException {
    Database.update(c, "INSERT INTO security_groups (" + SG_COLS + ") VALUES (?,?,?,?,?,?,?,?,?)", g.id(),
        g.accountId(), g.vpcId(), g.name(), g.description(), g.apiType(), g.innerAccessPolicy(),
        g.isDefault() ? 1 : 0, g.created().toString());
  }

  public static Optional<GroupRecord> findGroup(Connection c, String id) throws SQLException {
    return Database.query(c, "SELECT " + SG_COLS + " FROM security_groups WHERE sg_id = ?",
        SecurityGroupStore::groupRow, id).stream().findFirst();
  }

  public static Optional<GroupRecord> findDefault(Connection c, String accountId, String vpcId) throws SQLException {
    return Database.query(c, "SELECT " + SG_COLS + " FROM security_groups WHERE account_id = ? AND vpc_id = ?"
        + " AND is_default = 1 ORDER BY created, rowid", SecurityGroupStore::groupRow, accountId, vpcId)
        .stream().findFirst();
  }

  /** Every group, oldest first. */
  public static List<GroupRecord> groups(Connection c) throws SQLException {
    return Database.query(c, "SELECT " + SG_COLS + " FROM security_groups ORDER BY created, rowid",
        SecurityGroupStore::groupRow);
  }

  public List<GroupRecord> groups(String accountId) {
    return db.query("SELECT " + SG_COLS + " FROM security_groups WHERE account_id = ? ORDER BY created, rowid",
        SecurityGroupStore::groupRow, accountId);
  }

  public boolean vpcHasGroups(String vpcId) {
    return !db.query("SELECT 1 FROM security_groups WHERE vpc_id = ? LIMIT 1", rs -> 1, vpcId).isEmpty();
  }

  /** Sets name and/or description; null leaves one as it is. */
  public static void updateGroup(Connection c, String id, String name, String description) throws SQLException {
    Database.update(c, "UPDATE security_groups SET name = COALESCE(?, name), description = COALESCE(?, description)"
        + " WHERE sg_id = ?", name, description, id);
  }

  public static void setInnerAccept(Connection c, String id, boolean accept) throws SQLException {
    Database.update(c, "UPDATE security_groups SET inner_access_policy = ? WHERE sg_id = ?",
        accept ? "Accept" : "Drop", id);
  }

  /** Deletes a group with its rules (its memberships must be gone already). */
  public static void deleteGroup(Connection c, String id) throws SQLException {
    Database.update(c, "DELETE FROM sg_rules WHERE sg_id = ?", id);
    TagStore.deleteOf(c, id);
    Database.update(c, "DELETE FROM security_groups WHERE sg_id = ?", id);
  }

  /** Other groups whose rules name {@code id} as their peer group. */
  public static List<String> referencingGroups(Connection c, String id) throws SQLException {
    return Database.query(c, "SELECT DISTINCT sg_id FROM sg_rules WHERE peer_group_id = ? AND sg_id <> ?"
        + " ORDER BY sg_id", rs -> rs.getString(1), id, id);
  }

  // ---- rules

  public static void insertRule(Connection c, RuleRecord r) throws SQLException {
    SgRule s = r.rule();
    Database.update(c, "INSERT INTO sg_rules (" + RULE_COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", r.id(),
        r.groupId(), r.direction(), s.protocol().name().toLowerCase(java.util.Locale.ROOT), r.portRange(),
        r.sourcePortRange(), r.cidrText(), r.peerText(), s.policy() == SgRule.Policy.DROP ? "drop" : "accept",
        s.priority(), r.nicType(), r.description(), r.created().toString());
  }

  public static void deleteRule(Connection c, String ruleId) throws SQLException {
    Database.update(c, "DELETE FROM sg_rules WHERE rule_id = ?", ruleId);
  }

  /** A group's rules in creation order. */
  public static List<RuleRecord> rules(Connection c, String groupId) throws SQLException {
    return Database.query(c, "SELECT " + RULE_COLS + " FROM sg_rules WHERE sg_id = ? ORDER BY created, rowid",
        SecurityGroupStore::ruleRow, groupId);
  }

  public List<RuleRecord> rules(String groupId) {
    return db.tx(c -> rules(c, groupId));
  }

  /** Every rule by group id, each group's in creation order. */
  public static Map<String, List<RuleRecord>> allRules(Connection c) throws SQLException {
    Map<String, List<RuleRecord>> out = new LinkedHashMap<>();
    for (RuleRecord r : Database.query(c, "SELECT " + RULE_COLS + " FROM sg_rules ORDER BY sg_id, created, rowid",
        SecurityGroupStore::ruleRow)) {
      out.computeIfAbsent(r.groupId(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  // ---- membership

  /** Replaces a NIC's groups with {@code groupIds}, in that order (the NIC service calls this in its transactions). */
  public static void setMembership(Connection c, String eniId, List<String> groupIds) throws SQLException {
    deleteMembership(c, eniId);
    for (int i = 0; i < groupIds.size(); i++) {
      Database.update(c, "INSERT INTO eni_security_groups (eni_id, sg_id, ordinal) VALUES (?,?,?)", eniId,
          groupIds.get(i), i);
    }
  }

  public static void deleteMembership(Connection c, String eniId) throws SQLException {
    Database.update(c, "DELETE FROM eni_security_groups WHERE eni_id = ?", eniId);
  }

  /** A NIC's groups in its order. */
  public static List<String> groupsOfNic(Connection c, String eniId) throws SQLException {
    return Database.query(c, "SELECT sg_id FROM eni_security_groups WHERE eni_id = ? ORDER BY ordinal",
        rs -> rs.getString(1), eniId);
  }

  public static int memberCount(Connection c, String groupId) throws SQLException {
    return Database.query(c, "SELECT COUNT(*) FROM eni_security_groups WHERE sg_id = ?", rs -> rs.getInt(1),
        groupId).get(0);
  }

  /** NIC count of every group that has members (DescribeSecurityGroups' EcsCount). */
  public Map<String, Integer> memberCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    db.query("SELECT sg_id, COUNT(*) FROM eni_security_groups GROUP BY sg_id",
        rs -> out.put(rs.getString(1), rs.getInt(2)));
    return out;
  }

  // ---- NICs and instances (read only)

  public static Optional<NicRow> findNic(Connection c, String eniId) throws SQLException {
    return Database.query(c, "SELECT " + NIC_COLS + " FROM network_interfaces WHERE eni_id = ?",
        SecurityGroupStore::nicRow, eniId).stream().findFirst();
  }

  public static Optional<NicRow> primaryNicOf(Connection c, String instanceId) throws SQLException {
    return Database.query(c, "SELECT " + NIC_COLS + " FROM network_interfaces WHERE instance_id = ? AND type = 'Primary'",
        SecurityGroupStore::nicRow, instanceId).stream().findFirst();
  }

  public static Optional<InstanceRow> findInstance(Connection c, String instanceId) throws SQLException {
    return Database.query(c, "SELECT instance_id, account_id, status, deleting FROM instances WHERE instance_id = ?",
        rs -> new InstanceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1), instanceId)
        .stream().findFirst();
  }

  /**
   * Every NIC attached to an instance, as the engine sees it: MAC, private IP and groups in
   * order. NICs without a group are left out with an error logged: no valid engine NIC has none.
   */
  public List<Nic> attachedNics() {
    record Rows(List<NicRow> nics, Map<String, List<String>> members) {}
    Rows rows = db.tx(c -> new Rows(attachedNicRows(c), allMemberships(c)));
    return toNics(rows.nics(), rows.members());
  }

  /** The rows of NICs attached to an instance, by id. */
  public static List<NicRow> attachedNicRows(Connection c) throws SQLException {
    return Database.query(c, "SELECT " + NIC_COLS + " FROM network_interfaces WHERE instance_id IS NOT NULL"
        + " ORDER BY eni_id", SecurityGroupStore::nicRow);
  }

  /** Every NIC's groups in its order, by NIC id. */
  public static Map<String, List<String>> allMemberships(Connection c) throws SQLException {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    Database.query(c, "SELECT eni_id, sg_id FROM eni_security_groups ORDER BY eni_id, ordinal",
        rs -> groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
    return groups;
  }

  /** Engine NICs of {@code rows}; see {@link #attachedNics}. */
  public static List<Nic> toNics(List<NicRow> rows, Map<String, List<String>> members) {
    List<Nic> out = new ArrayList<>();
    for (NicRow n : rows) {
      List<String> gs = members.getOrDefault(n.id(), List.of());
      if (gs.isEmpty()) {
        log.error("NIC {} of instance {} is in no security group; it is left out of the filter", n.id(),
            n.instanceId());
      } else {
        out.add(new Nic(n.id(), n.mac(), List.of(n.privateIp()), gs));
      }
    }
    return out;
  }

  private static GroupRecord groupRow(ResultSet rs) throws SQLException {
    SecurityGroup.Type type = "enterprise".equals(rs.getString(6)) ? SecurityGroup.Type.ENTERPRISE
        : SecurityGroup.Type.NORMAL;
    return new GroupRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), type,
        "Accept".equals(rs.getString(7)), rs.getInt(8) == 1, Instant.parse(rs.getString(9)));
  }

  private static RuleRecord ruleRow(ResultSet rs) throws SQLException {
    SgRule.Direction d = "egress".equals(rs.getString(3)) ? SgRule.Direction.EGRESS : SgRule.Direction.INGRESS;
    SgRule rule = SgRule.parse(d, rs.getString(4), rs.getString(5), rs.getString(7), rs.getString(8),
        rs.getString(9), String.valueOf(rs.getInt(10)));
    return new RuleRecord(rs.getString(1), rs.getString(2), rule, rs.getString(6), rs.getString(11),
        rs.getString(12), Instant.parse(rs.getString(13)));
  }

  private static NicRow nicRow(ResultSet rs) throws SQLException {
    return new NicRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7));
  }
}
