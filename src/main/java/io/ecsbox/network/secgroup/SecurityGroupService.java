package io.ecsbox.network.secgroup;

import io.ecsbox.agent.firewall.RuleError;
import io.ecsbox.agent.FirewallAgent;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgModel;
import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Ids;
import io.ecsbox.common.Validation;
import io.ecsbox.network.Vpc;
import io.ecsbox.network.VpcError;
import io.ecsbox.network.VpcService;
import io.ecsbox.agent.firewall.SgRule.Direction;
import io.ecsbox.store.ClientTokenStore;
import io.ecsbox.store.Database;
import io.ecsbox.network.VpcStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security groups: their rows, their rules, which NIC is in which, and the host filter. Every
 * call validates all of its input before it writes (a refused call changes nothing), writes in
 * one transaction, then {@link #refresh}es the host: the store is compiled by one long-lived
 * {@link SgModelLoader} (unchanged groups and NICs keep their objects) and enforced by the
 * {@link FirewallAgent}, which rewrites only what differs.
 * Transactions here are this class's own: call it outside yours, or use the {@code Connection}
 * variants.
 */
public final class SecurityGroupService implements VpcService.Users {
  private static final Logger log = LoggerFactory.getLogger(SecurityGroupService.class);
  /** How many NICs a group may hold (AvailableInstanceAmount): ECS's basic and advanced limits. */
  public static final int NORMAL_CAPACITY = 2000;
  public static final int ENTERPRISE_CAPACITY = 65536;

  private final SecurityGroupStore store;
  private final Database db;
  private final FirewallAgent host;
  private final Supplier<Instant> clock;
  private final SgMembership membership;
  private final SgModelLoader loader;

  public SecurityGroupService(SecurityGroupStore store, FirewallAgent host, Supplier<Instant> clock) {
    this.store = store;
    this.db = store.db();
    this.host = host;
    this.clock = clock;
    this.membership = new SgMembership(this);
    this.loader = new SgModelLoader(db);
  }

  Database db() {
    return db;
  }

  // ---- groups

  /** Creates a group; a repeated {@code token} (may be null) with the same {@code paramsHash} answers the first. */
  public String createGroup(String accountId, String vpcId, String name, String description, String type,
      String token, String paramsHash) {
    if (vpcId == null || vpcId.isBlank()) {
      throw ServiceException.missing("VpcId");
    }
    checkName(name);
    SecurityGroup.Type t = parseType(type);
    GroupRecord g = new GroupRecord(Ids.next("sg"), accountId, vpcId, orEmpty(name), orEmpty(description), t,
        t == SecurityGroup.Type.NORMAL, false, now());
    return db.tx(c -> {
      if (token != null) {
        Optional<ClientTokenStore.Entry> e = ClientTokenStore.find(c, accountId, "CreateSecurityGroup", token);
        if (e.isPresent()) {
          if (!e.get().paramsHash().equals(paramsHash)) {
            throw SgError.idempotentMismatch();
          }
          return e.get().result();
        }
      }
      vpc(c, accountId, vpcId);
      SecurityGroupStore.insertGroup(c, g);
      if (token != null) {
        ClientTokenStore.put(c, accountId, "CreateSecurityGroup", token, paramsHash, g.id(), now());
      }
      return g.id();
    });
  }

  /**
   * The VPC's default group (normal, InnerAccessPolicy Accept, named "default", no rules),
   * created on first use.
   */
  public synchronized String defaultGroup(String accountId, String vpcId) {
    return db.tx(c -> defaultGroup(c, accountId, vpcId));
  }

  /**
   * {@link #defaultGroup(String, String)} inside the caller's transaction: the store's one
   * connection serializes transactions, so find-or-create in one of them is race-free (no lock
   * of ours here: taken inside a transaction it would invert {@link #refresh}'s lock order).
   */
  public String defaultGroup(Connection c, String accountId, String vpcId) throws SQLException {
    Optional<GroupRecord> g = SecurityGroupStore.findDefault(c, accountId, vpcId);
    if (g.isPresent()) {
      return g.get().id();
    }
    vpc(c, accountId, vpcId);
    GroupRecord d = new GroupRecord(Ids.next("sg"), accountId, vpcId, "default",
        "System created security group.", SecurityGroup.Type.NORMAL, true, true, now());
    SecurityGroupStore.insertGroup(c, d);
    log.info("created default security group {} of VPC {}", d.id(), vpcId);
    return d.id();
  }

  /** The caller's groups, oldest first. */
  public List<GroupRecord> groups(String accountId) {
    return store.groups(accountId);
  }

  public GroupRecord group(String accountId, String groupId) {
    return db.tx(c -> group(c, accountId, groupId));
  }

  static GroupRecord group(Connection c, String accountId, String groupId) throws SQLException {
    return SecurityGroupStore.findGroup(c, groupId).filter(g -> g.accountId().equals(accountId))
        .orElseThrow(() -> RuleError.groupNotFound(groupId));
  }

  public List<RuleRecord> rules(String groupId) {
    return store.rules(groupId);
  }

  /** NICs per group id (groups without members are absent). */
  public Map<String, Integer> memberCounts() {
    return store.memberCounts();
  }

  @Override
  public String userOf(String vpcId) {
    return vpcHasGroups(vpcId) ? "security groups" : null;
  }

  public boolean vpcHasGroups(String vpcId) {
    return store.vpcHasGroups(vpcId);
  }

  /** Sets name and/or description; null leaves one as it is. */
  public void modifyGroup(String accountId, String groupId, String name, String description) {
    checkName(name);
    db.tx(c -> {
      group(c, accountId, groupId);
      SecurityGroupStore.updateGroup(c, groupId, name, description);
      return null;
    });
  }

  /** InnerAccessPolicy Accept or Drop (any case); enterprise groups stay Drop. */
  public void modifyPolicy(String accountId, String groupId, String policy) {
    if (policy == null || policy.isBlank()) {
      throw ServiceException.missing("InnerAccessPolicy");
    }
    boolean accept = switch (policy.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "accept" -> true;
      case "drop" -> false;
      default -> throw ServiceException.invalid("InnerAccessPolicy", "use Accept or Drop, got " + policy);
    };
    boolean changed = db.tx(c -> {
      GroupRecord g = group(c, accountId, groupId);
      if (g.type() == SecurityGroup.Type.ENTERPRISE && accept) {
        throw SgError.enterpriseInnerAccept(groupId);
      }
      SecurityGroupStore.setInnerAccept(c, groupId, accept);
      return g.innerAccept() != accept;
    });
    if (changed) {
      refreshAfterChange();
    }
  }

  /** Deletes a group and its rules; DependencyViolation while a NIC is in it or another group's rule names it. */
  public void deleteGroup(String accountId, String groupId) {
    db.tx(c -> {
      group(c, accountId, groupId);
      int members = SecurityGroupStore.memberCount(c, groupId);
      if (members > 0) {
        throw SgError.dependencyViolation(groupId, members + " network interface(s) are in it");
      }
      List<String> refs = SecurityGroupStore.referencingGroups(c, groupId);
      if (!refs.isEmpty()) {
        throw SgError.dependencyViolation(groupId, "rules of " + String.join(", ", refs) + " refer to it");
      }
      SecurityGroupStore.deleteGroup(c, groupId);
      return null;
    });
    refreshAfterChange();
  }

  // ---- rules

  /**
   * Adds rules to a group; rules it already has are skipped. All are checked first: peer groups
   * exist in the same VPC and are normal, enterprise groups take accept rules without peers, at
   * most {@link SecurityGroup#MAX_RULES}.
   */
  public void authorize(String accountId, String groupId, Direction d, List<RuleSpec> specs) {
    if (specs.isEmpty()) {
      throw ServiceException.missing("IpProtocol");
    }
    List<RuleSpec.Parsed> parsed = SgRuleChanges.parseAll(d, specs);
    if (db.tx(c -> SgRuleChanges.authorize(c, group(c, accountId, groupId), parsed, now()))) {
      refreshAfterChange();
    }
  }

  /**
   * Removes the rules equal to {@code specs} (none equal: nothing to do) and those of {@code
   * ruleIds}, which must be this group's rules of direction {@code d}.
   */
  public void revoke(String accountId, String groupId, Direction d, List<RuleSpec> specs, List<String> ruleIds) {
    if (specs.isEmpty() && ruleIds.isEmpty()) {
      throw ServiceException.missing("IpProtocol");
    }
    if (new HashSet<>(ruleIds).size() != ruleIds.size()) {
      throw SgError.ruleIdRepeated();
    }
    List<RuleSpec.Parsed> parsed = SgRuleChanges.parseAll(d, specs);
    if (db.tx(c -> SgRuleChanges.revoke(c, group(c, accountId, groupId), d, parsed, ruleIds))) {
      refreshAfterChange();
    }
  }

  // ---- membership (rules in SgMembership)

  /**
   * Checks the groups of one NIC in {@code vpcId}: 1-5 of the caller's groups in that VPC, listed
   * once, not normal and enterprise mixed. Returns them in order.
   */
  public List<String> checkForNic(String accountId, String vpcId, List<String> groupIds) {
    return db.tx(c -> checkForNic(c, accountId, vpcId, groupIds));
  }

  /** {@link #checkForNic(String, String, List)} inside the caller's transaction. */
  public List<String> checkForNic(Connection c, String accountId, String vpcId, List<String> groupIds)
      throws SQLException {
    return SgMembership.check(c, accountId, vpcId, groupIds, "(new network interface)");
  }

  /** JoinSecurityGroup: the NIC is {@code instanceId}'s primary one or {@code eniId} (exactly one given). */
  public void join(String accountId, String groupId, String instanceId, String eniId) {
    membership.join(accountId, groupId, instanceId, eniId);
    refreshAfterChange();
  }

  /** LeaveSecurityGroup: as {@link #join}; a NIC keeps at least one group. */
  /** Replaces the groups of the instance's primary NIC (ModifyInstanceAttribute SecurityGroupIds.N). */
  public void replaceGroups(String accountId, String instanceId, List<String> groupIds) {
    membership.replace(accountId, instanceId, groupIds);
    refreshAfterChange();
  }

  public void leave(String accountId, String groupId, String instanceId, String eniId) {
    membership.leave(accountId, groupId, instanceId, eniId);
    refreshAfterChange();
  }

  // ---- host

  /**
   * Rebuilds the model from the store and applies what changed to the host. Called after every
   * change here; the NIC service calls it after it attaches, detaches or re-groups a NIC.
   */
  public synchronized void refresh() {
    host.apply(model());
  }

  /** Periodically: chains or sets of ours changed behind ecsbox's back are rewritten to the store's groups. */
  public synchronized void repairDrift() {
    host.repairDrift();
  }

  /** At daemon start: bridged traffic through iptables, then the host rewritten to match the store. */
  public synchronized void reconcile() {
    host.ensureBridgeNetfilter();
    host.reconcile(model());
  }

  private void refreshAfterChange() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.error("security groups: the change is saved, but the host filter could not be updated: {}",
          e.getMessage(), e);
      throw SgError.hostFailed(e);
    }
  }

  /** The engine model of the store now (see {@link SgModelLoader}). */
  synchronized SgModel model() {
    return loader.load();
  }

  // ---- helpers

  static Vpc vpc(Connection c, String accountId, String vpcId) throws SQLException {
    return VpcStore.findVpc(c, vpcId).filter(v -> !v.deleting() && v.accountId().equals(accountId))
        .orElseThrow(() -> VpcError.vpcNotFound(vpcId));
  }

  private static SecurityGroup.Type parseType(String type) {
    if (type == null || type.isBlank() || type.strip().equalsIgnoreCase("normal")) {
      return SecurityGroup.Type.NORMAL;
    }
    if (type.strip().equalsIgnoreCase("enterprise")) {
      return SecurityGroup.Type.ENTERPRISE;
    }
    throw SgError.typeMalformed(type);
  }

  private static void checkName(String name) {
    if (name != null && !name.isEmpty() && !Validation.instanceName(name)) {
      throw SgError.nameMalformed();
    }
  }

  private Instant now() {
    return clock.get().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
