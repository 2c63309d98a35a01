package io.ecsbox.network.secgroup;

import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgModel;
import io.ecsbox.agent.firewall.SgRule;
import io.ecsbox.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the engine model from the store. Groups and NICs equal to the last load's keep that
 * load's objects, which is what lets the host's compiler reuse their chains cheaply. NICs whose groups are
 * missing or mixed (only a bug elsewhere makes them) are left out with an error logged, so one
 * bad row cannot stop the filter of all others. Not thread-safe: its service serializes loads.
 */
final class SgModelLoader {
  private static final Logger log = LoggerFactory.getLogger(SgModelLoader.class);
  private final Database db;
  private Map<String, SecurityGroup> lastGroups = Map.of();
  private Map<String, Nic> lastNics = Map.of();

  private record Rows(List<GroupRecord> groups, Map<String, List<RuleRecord>> rules,
      List<SecurityGroupStore.NicRow> nics, Map<String, List<String>> members) {}

  SgModelLoader(Database db) {
    this.db = db;
  }

  SgModel load() {
    Rows rows = db.tx(c -> new Rows(SecurityGroupStore.groups(c), SecurityGroupStore.allRules(c),
        SecurityGroupStore.attachedNicRows(c), SecurityGroupStore.allMemberships(c)));
    Map<String, SecurityGroup> groups = new HashMap<>();
    List<SecurityGroup> groupList = new ArrayList<>();
    for (GroupRecord g : rows.groups()) {
      List<SgRule> rules = rows.rules().getOrDefault(g.id(), List.of()).stream().map(RuleRecord::rule).toList();
      SecurityGroup sg = new SecurityGroup(g.id(), g.type(), g.innerAccept(), rules);
      SecurityGroup old = lastGroups.get(g.id());
      sg = sg.equals(old) ? old : sg;
      groups.put(g.id(), sg);
      groupList.add(sg);
    }
    Map<String, Nic> nics = new HashMap<>();
    List<Nic> nicList = new ArrayList<>();
    for (Nic n : SecurityGroupStore.toNics(rows.nics(), rows.members())) {
      if (!n.groupIds().stream().allMatch(groups::containsKey)
          || n.groupIds().stream().map(id -> groups.get(id).type()).distinct().count() > 1) {
        log.error("NIC {} has missing or mixed security groups {}; it is left out of the filter", n.id(), n.groupIds());
        continue;
      }
      Nic old = lastNics.get(n.id());
      n = n.equals(old) ? old : n;
      nics.put(n.id(), n);
      nicList.add(n);
    }
    SgModel m = new SgModel(groupList, nicList);
    lastGroups = groups;
    lastNics = nics;
    return m;
  }
}
