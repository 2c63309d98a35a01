package io.ecsbox.agent.firewall;

import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Cidr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desired security-group state of one host: groups and the NICs in them. Construction
 * validates what spans objects (groups exist, peer groups exist, no normal+enterprise mix);
 * the model is immutable, {@code with…} gives a changed copy.
 */
public final class SgModel {
  private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  private final Map<String, Nic> nics = new LinkedHashMap<>();
  private final Map<String, Set<Integer>> members = new LinkedHashMap<>();

  public SgModel(Collection<SecurityGroup> groups, Collection<Nic> nics) {
    for (SecurityGroup g : groups) {
      if (this.groups.put(g.id(), g) != null) {
        throw ServiceException.invalid("SecurityGroupId", "duplicate group " + g.id());
      }
      members.put(g.id(), new TreeSet<>(Comparator.comparingInt(Integer::intValue)));
    }
    for (SecurityGroup g : groups) {
      for (SgRule r : g.rules()) {
        if (r.peerGroupId() != null && !this.groups.containsKey(r.peerGroupId())) {
          throw RuleError.peerNotFound(r.direction(), r.peerGroupId());
        }
      }
    }
    for (Nic n : nics) {
      if (this.nics.put(n.id(), n) != null) {
        throw ServiceException.invalid("NetworkInterfaceId", "duplicate NIC " + n.id());
      }
      Set<SecurityGroup.Type> types = new java.util.HashSet<>();
      for (String gid : n.groupIds()) {
        SecurityGroup g = this.groups.get(gid);
        if (g == null) {
          throw RuleError.groupNotFound(gid);
        }
        types.add(g.type());
        n.ips().forEach(ip -> members.get(gid).add(Cidr.parseLenientAddress(ip)));
      }
      if (types.size() > 1) {
        throw RuleError.mixedTypes(n.id());
      }
    }
  }

  public static SgModel empty() {
    return new SgModel(List.of(), List.of());
  }

  public Collection<SecurityGroup> groups() {
    return groups.values();
  }

  public Collection<Nic> nics() {
    return nics.values();
  }

  public SecurityGroup group(String id) {
    SecurityGroup g = groups.get(id);
    if (g == null) {
      throw RuleError.groupNotFound(id);
    }
    return g;
  }

  public Nic nic(String id) {
    Nic n = nics.get(id);
    if (n == null) {
      throw RuleError.nicNotFound(id);
    }
    return n;
  }

  /** The current members' IPs of a group, ascending. */
  public Set<Integer> memberIps(String groupId) {
    return members.getOrDefault(groupId, Set.of());
  }

  /** A copy with {@code g} added or replacing the group of the same id. */
  public SgModel withGroup(SecurityGroup g) {
    Map<String, SecurityGroup> copy = new LinkedHashMap<>(groups);
    copy.put(g.id(), g);
    return new SgModel(copy.values(), nics.values());
  }

  /** A copy with {@code n} added or replacing the NIC of the same id. */
  public SgModel withNic(Nic n) {
    Map<String, Nic> copy = new LinkedHashMap<>(nics);
    copy.put(n.id(), n);
    return new SgModel(groups.values(), copy.values());
  }

  public SgModel withoutNic(String id) {
    Map<String, Nic> copy = new LinkedHashMap<>(nics);
    copy.remove(id);
    return new SgModel(groups.values(), copy.values());
  }

  /**
   * The rules of a NIC's groups in one direction, in evaluation order: priority ascending,
   * drop before accept at equal priority, then group order and rule order.
   */
  public List<SgRule> rulesFor(Nic nic, SgRule.Direction direction) {
    List<SgRule> out = new ArrayList<>();
    for (String gid : nic.groupIds()) {
      groups.get(gid).rules().stream().filter(r -> r.direction() == direction).forEach(out::add);
    }
    out.sort(Comparator.comparingInt(SgRule::priority)
        .thenComparing(r -> r.policy() == SgRule.Policy.DROP ? 0 : 1));
    return out;
  }

  /** The normal groups of a NIC whose members may reach it by default (InnerAccessPolicy Accept). */
  public List<String> innerAcceptGroups(Nic nic) {
    return nic.groupIds().stream().filter(g -> groups.get(g).innerAccept()).toList();
  }
}
