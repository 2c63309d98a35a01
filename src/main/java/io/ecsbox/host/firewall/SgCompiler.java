package io.ecsbox.host.firewall;

import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgModel;
import io.ecsbox.agent.firewall.SgRule;
import io.ecsbox.common.Cidr;
import io.ecsbox.agent.firewall.SgRule.Direction;
import io.ecsbox.agent.firewall.SgRule.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compiles an {@link SgModel} to an {@link SgProgram}, the same semantics as {@link SgEvaluator}.
 * Chain layout (prefix "ECSBOX-" in production):
 * <pre>
 * FORWARD  -j FWD                      (the only rule we put in a built-in chain)
 * FWD      per NIC: --physdev-in tap   -j O-nic     then: -j TO
 * TO       per NIC: --physdev-out tap  -j I-nic     (falls through: not ours, back to FORWARD)
 * O-nic    mac != NIC's -> DROP; udp from port 67 -> DROP (a guest is no DHCP server);
 *          DHCP request -> PASS; src not NIC's -> DROP (via S-nic if several IPs);
 *          ESTABLISHED,RELATED -> PASS; egress rules (DROP | PASS); -j PASS
 * PASS     -j TO; -j ACCEPT             (egress allowed: the receiver's ingress decides, if ours)
 * I-nic    ESTABLISHED,RELATED -> ACCEPT; DHCP reply (udp 67 -> 68) -> ACCEPT; ingress rules;
 *          inner access of normal groups
 *          (src in the group's set) -> ACCEPT; -j DROP
 * </pre>
 * The two DHCP lines sit outside {@link SgEvaluator}'s model (a {@link Packet} has no source
 * port): the guest's own DHCP client must work whatever its groups say, and only the vSwitch's
 * DHCP server (in the vRouter, not one of our NICs) may answer it.
 * A compiler remembers the chains of each NIC and the members of each set from its last
 * compile and reuses them when their inputs are unchanged (the same NIC and group objects; equal
 * member IPs), so a rule change made with {@link SgModel#withGroup} recompiles only the NICs in
 * that group. Its output is the same as a fresh compiler's; {@link #compile} is synchronized.
 */
public final class SgCompiler {
  private static final String STATE = "-m conntrack --ctstate RELATED,ESTABLISHED";
  private static final String METADATA = "100.100.100.200";
  /** Packets from a DHCP server's port, ending in a space. */
  private static final String DHCP_SERVER = "-p udp -m udp --sport 67 ";
  private final SgNames names;
  private final Function<String, String> tapOf;
  private Map<String, NicChains> nicCache = new HashMap<>();
  private Map<String, SetText> setCache = new HashMap<>();

  /** What a NIC's chains depend on: the NIC itself and its groups, in its order. */
  private record NicKey(Nic nic, List<SecurityGroup> groups) {}

  /** A NIC's compiled text: its FWD and TO lines, its chains in order, the groups whose sets it matches. */
  private record NicChains(NicKey key, String fwd, String to, Map<String, List<String>> chains,
      List<String> setGroups) {}

  private record SetText(Set<Integer> members, String name, List<String> ips) {}

  /** {@code tapOf} names the host interface of a NIC id (the bridge port its chains match). */
  public SgCompiler(SgNames names, Function<String, String> tapOf) {
    this.names = names;
    this.tapOf = tapOf;
  }

  public synchronized SgProgram compile(SgModel model) {
    Map<String, NicChains> nicsNow = new HashMap<>();
    List<String> fwd = new ArrayList<>();
    List<String> to = new ArrayList<>();
    TreeSet<String> setGroups = new TreeSet<>();
    for (Nic n : model.nics()) {
      NicKey key = new NicKey(n, n.groupIds().stream().map(model::group).toList());
      NicChains c = nicCache.get(n.id());
      if (c == null || !sameInputs(c.key(), key)) {
        c = compileNic(model, key);
      }
      nicsNow.put(n.id(), c);
      fwd.add(c.fwd());
      to.add(c.to());
      setGroups.addAll(c.setGroups());
    }
    nicCache = nicsNow;
    fwd.add("-j " + names.toNics());
    Map<String, List<String>> chains = new LinkedHashMap<>();
    chains.put(names.forward(), fwd);
    chains.put(names.toNics(), to);
    chains.put(names.pass(), List.of("-j " + names.toNics(), "-j ACCEPT"));
    model.nics().forEach(n -> chains.putAll(nicsNow.get(n.id()).chains()));
    Map<String, SetText> setsNow = new HashMap<>();
    for (String g : setGroups) {
      SetText t = setCache.get(g);
      Set<Integer> members = model.memberIps(g);
      if (t == null || !t.members().equals(members)) {
        t = new SetText(members, t == null ? names.set(g) : t.name(),
            members.stream().map(Cidr::format).toList());
      }
      setsNow.put(g, t);
    }
    setCache = setsNow;
    Map<String, List<String>> sets = new LinkedHashMap<>();
    setsNow.values().stream().sorted(Comparator.comparing(SetText::name)).forEach(t -> sets.put(t.name(), t.ips()));
    return new SgProgram(names, chains, sets);
  }

  /**
   * Same inputs by identity: {@link SgModel}'s with… copies keep unchanged NICs and groups, and
   * comparing by value would cost more (records' first equals is slow) than recompiling one NIC.
   */
  private static boolean sameInputs(NicKey a, NicKey b) {
    if (a.nic() != b.nic() || a.groups().size() != b.groups().size()) {
      return false;
    }
    for (int i = 0; i < a.groups().size(); i++) {
      if (a.groups().get(i) != b.groups().get(i)) {
        return false;
      }
    }
    return true;
  }

  private NicChains compileNic(SgModel model, NicKey key) {
    Nic n = key.nic();
    Map<String, List<String>> chains = new LinkedHashMap<>();
    TreeSet<String> setGroups = new TreeSet<>();
    String tap = tapOf.apply(n.id());
    String fwd = "-m physdev --physdev-in " + tap + " --physdev-is-bridged -m comment --comment " + n.id()
        + " -j " + names.egress(n);
    String to = "-m physdev --physdev-out " + tap + " --physdev-is-bridged -m comment --comment " + n.id()
        + " -j " + names.ingress(n);
    List<String> out = new ArrayList<>();
    out.add("-m mac ! --mac-source " + n.mac() + " -j DROP");
    out.add(DHCP_SERVER + "-j DROP");
    out.add("-s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --dport 67 -j " + names.pass());
    if (n.ips().size() == 1) {
      out.add("! -s " + n.ips().get(0) + "/32 -j DROP");
    } else {
      List<String> check = new ArrayList<>();
      n.ips().forEach(ip -> check.add("-s " + ip + "/32 -j RETURN"));
      check.add("-j DROP");
      chains.put(names.sourceCheck(n), List.copyOf(check));
      out.add("-j " + names.sourceCheck(n));
    }
    out.add(STATE + " -j " + names.pass());
    // the metadata service answers every instance whatever its egress rules, as in ECS
    out.add("-d " + METADATA + "/32 -p tcp -m tcp --dport 80 -j " + names.pass());
    for (SgRule r : model.rulesFor(n, Direction.EGRESS)) {
      out.add(match(r, "-d", "dst", setGroups) + "-j " + (r.policy() == Policy.DROP ? "DROP" : names.pass()));
    }
    out.add("-j " + names.pass());
    chains.put(names.egress(n), List.copyOf(out));

    List<String> in = new ArrayList<>();
    in.add(STATE + " -j ACCEPT");
    in.add(DHCP_SERVER + "--dport 68 -j ACCEPT");
    for (SgRule r : model.rulesFor(n, Direction.INGRESS)) {
      in.add(match(r, "-s", "src", setGroups) + "-j " + (r.policy() == Policy.DROP ? "DROP" : "ACCEPT"));
    }
    for (String g : model.innerAcceptGroups(n)) {
      setGroups.add(g);
      in.add("-m set --match-set " + names.set(g) + " src -j ACCEPT");
    }
    in.add("-j DROP");
    chains.put(names.ingress(n), List.copyOf(in));
    return new NicChains(key, fwd, to, Collections.unmodifiableMap(chains), List.copyOf(setGroups));
  }

  /** The match part of a rule, ending in a space: remote side, then protocol and ports. */
  private String match(SgRule r, String addrFlag, String setDir, TreeSet<String> setGroups) {
    StringBuilder sb = new StringBuilder();
    if (r.cidr() != null) {
      if (!r.cidr().isAny()) {
        sb.append(addrFlag).append(' ').append(r.cidr()).append(' ');
      }
    } else {
      setGroups.add(r.peerGroupId());
      sb.append("-m set --match-set ").append(names.set(r.peerGroupId())).append(' ').append(setDir).append(' ');
    }
    switch (r.protocol()) {
      case ALL -> { }
      case GRE -> sb.append("-p gre ");
      case ICMP -> sb.append("-p icmp ");
      case TCP, UDP -> {
        String p = r.protocol().name().toLowerCase(java.util.Locale.ROOT);
        sb.append("-p ").append(p).append(" -m ").append(p).append(' ');
        if (!r.allPorts()) {
          sb.append("--dport ").append(r.portFrom() == r.portTo() ? "" + r.portFrom() : r.portFrom() + ":" + r.portTo())
              .append(' ');
        }
      }
      default -> throw new IllegalStateException(r.protocol().name());
    }
    return sb.toString();
  }
}
