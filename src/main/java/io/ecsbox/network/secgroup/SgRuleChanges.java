package io.ecsbox.network.secgroup;

import io.ecsbox.agent.firewall.RuleError;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgRule;
import io.ecsbox.common.Ids;
import io.ecsbox.agent.firewall.SgRule.Direction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Adding and removing the rules of one group, inside the caller's transaction (for {@link SecurityGroupService}). */
final class SgRuleChanges {
  private SgRuleChanges() {}

  /** Parses every rule of a request; the same rule twice is refused. */
  static List<RuleSpec.Parsed> parseAll(Direction d, List<RuleSpec> specs) {
    List<RuleSpec.Parsed> out = new ArrayList<>();
    Set<SgRule> seen = new HashSet<>();
    for (RuleSpec s : specs) {
      RuleSpec.Parsed p = s.parse(d);
      if (!seen.add(p.rule())) {
        throw SgError.duplicatePermissions();
      }
      out.add(p);
    }
    return out;
  }

  /** Checks all, then inserts the rules {@code g} does not have yet; true when it inserted any. */
  static boolean authorize(Connection c, GroupRecord g, List<RuleSpec.Parsed> parsed, Instant now)
      throws SQLException {
    for (RuleSpec.Parsed p : parsed) {
      checkPeer(c, g, p.rule());
    }
    List<SgRule> all = new ArrayList<>(SecurityGroupStore.rules(c, g.id()).stream().map(RuleRecord::rule).toList());
    List<RuleSpec.Parsed> fresh = parsed.stream().filter(p -> !all.contains(p.rule())).toList();
    fresh.forEach(p -> all.add(p.rule()));
    new SecurityGroup(g.id(), g.type(), g.innerAccept(), all); // the engine's own checks: count, enterprise drop
    for (RuleSpec.Parsed p : fresh) {
      SecurityGroupStore.insertRule(c, new RuleRecord(Ids.next("sgr"), g.id(), p.rule(), "", p.nicType(),
          p.description(), now));
    }
    return !fresh.isEmpty();
  }

  /** Deletes the rules equal to {@code parsed} and those of {@code ruleIds} (which must exist); true when any went. */
  static boolean revoke(Connection c, GroupRecord g, Direction d, List<RuleSpec.Parsed> parsed, List<String> ruleIds)
      throws SQLException {
    Set<SgRule> drop = new HashSet<>();
    parsed.forEach(p -> drop.add(p.rule()));
    List<RuleRecord> existing = SecurityGroupStore.rules(c, g.id());
    Map<String, RuleRecord> byId = new HashMap<>();
    existing.stream().filter(r -> r.rule().direction() == d).forEach(r -> byId.put(r.id(), r));
    for (String id : ruleIds) {
      if (!byId.containsKey(id)) {
        throw SgError.ruleNotFound(id);
      }
    }
    Set<String> gone = new LinkedHashSet<>(ruleIds);
    existing.stream().filter(r -> drop.contains(r.rule())).forEach(r -> gone.add(r.id()));
    for (String id : gone) {
      SecurityGroupStore.deleteRule(c, id);
    }
    return !gone.isEmpty();
  }

  /** Enterprise groups: accept rules from CIDRs only; peers: the account's normal groups in the same VPC. */
  private static void checkPeer(Connection c, GroupRecord g, SgRule r) throws SQLException {
    if (g.type() == SecurityGroup.Type.ENTERPRISE && (r.peerGroupId() != null || r.policy() == SgRule.Policy.DROP)) {
      throw RuleError.enterpriseDrop(g.id());
    }
    if (r.peerGroupId() == null) {
      return;
    }
    GroupRecord peer = SecurityGroupStore.findGroup(c, r.peerGroupId())
        .filter(p -> p.accountId().equals(g.accountId()))
        .orElseThrow(() -> RuleError.peerNotFound(r.direction(), r.peerGroupId()));
    if (!peer.vpcId().equals(g.vpcId())) {
      throw SgError.peerOtherVpc(r.direction(), peer.id());
    }
    if (peer.type() == SecurityGroup.Type.ENTERPRISE) {
      throw SgError.peerIsEnterprise(peer.id());
    }
  }
}
