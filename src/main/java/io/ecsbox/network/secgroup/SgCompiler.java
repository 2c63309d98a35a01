package io.ecsbox.network.secgroup;

import io.ecsbox.network.Cidr;
import io.ecsbox.network.secgroup.SgRule.Direction;
import io.ecsbox.network.secgroup.SgRule.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compiles an {@link SgModel} to an {@link SgProgram}, the same semantics as {@link SgEvaluator}.
 * Chain layout (prefix "ECSBOX-" in production):
 * <pre>
 * FORWARD  -j FWD                      (the only rule we put in a built-in chain)
 * FWD      per NIC: --physdev-in tap   -j O-nic     then: -j TO
 * TO       per NIC: --physdev-out tap  -j I-nic     (falls through: not ours, back to FORWARD)
 * O-nic    mac != NIC's -> DROP; DHCP request -> PASS; src not NIC's -> DROP (via S-nic if
 *          several IPs); ESTABLISHED,RELATED -> PASS; egress rules (DROP | PASS); -j PASS
 * PASS     -j TO; -j ACCEPT             (egress allowed: the receiver's ingress decides, if ours)
 * I-nic    ESTABLISHED,RELATED -> ACCEPT; ingress rules; inner access of normal groups
 *          (src in the group's set) -> ACCEPT; -j DROP
 * </pre>
 */
public final class SgCompiler {
  private static final String STATE = "-m conntrack --ctstate RELATED,ESTABLISHED";
  private final SgNames names;

  public SgCompiler(SgNames names) {
    this.names = names;
  }

  public SgProgram compile(SgModel model) {
    Map<String, List<String>> chains = new LinkedHashMap<>();
    List<String> fwd = new ArrayList<>();
    List<String> to = new ArrayList<>();
    TreeSet<String> setGroups = new TreeSet<>();
    for (Nic n : model.nics()) {
      fwd.add("-m physdev --physdev-in " + n.tap() + " --physdev-is-bridged -m comment --comment " + n.id()
          + " -j " + names.egress(n));
      to.add("-m physdev --physdev-out " + n.tap() + " --physdev-is-bridged -m comment --comment " + n.id()
          + " -j " + names.ingress(n));
    }
    fwd.add("-j " + names.toNics());
    chains.put(names.forward(), fwd);
    chains.put(names.toNics(), to);
    chains.put(names.pass(), List.of("-j " + names.toNics(), "-j ACCEPT"));
    for (Nic n : model.nics()) {
      List<String> out = new ArrayList<>();
      out.add("-m mac ! --mac-source " + n.mac() + " -j DROP");
      out.add("-s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --dport 67 -j " + names.pass());
      if (n.ips().size() == 1) {
        out.add("! -s " + n.ips().get(0) + "/32 -j DROP");
      } else {
        List<String> check = new ArrayList<>();
        n.ips().forEach(ip -> check.add("-s " + ip + "/32 -j RETURN"));
        check.add("-j DROP");
        chains.put(names.sourceCheck(n), check);
        out.add("-j " + names.sourceCheck(n));
      }
      out.add(STATE + " -j " + names.pass());
      for (SgRule r : model.rulesFor(n, Direction.EGRESS)) {
        out.add(match(r, "-d", "dst", setGroups) + "-j " + (r.policy() == Policy.DROP ? "DROP" : names.pass()));
      }
      out.add("-j " + names.pass());
      chains.put(names.egress(n), out);

      List<String> in = new ArrayList<>();
      in.add(STATE + " -j ACCEPT");
      for (SgRule r : model.rulesFor(n, Direction.INGRESS)) {
        in.add(match(r, "-s", "src", setGroups) + "-j " + (r.policy() == Policy.DROP ? "DROP" : "ACCEPT"));
      }
      for (String g : model.innerAcceptGroups(n)) {
        setGroups.add(g);
        in.add("-m set --match-set " + names.set(g) + " src -j ACCEPT");
      }
      in.add("-j DROP");
      chains.put(names.ingress(n), in);
    }
    Map<String, List<String>> sets = new LinkedHashMap<>();
    setGroups.stream().map(g -> Map.entry(names.set(g), g)).sorted(Map.Entry.comparingByKey())
        .forEach(e -> sets.put(e.getKey(), model.memberIps(e.getValue()).stream().map(Cidr::format).toList()));
    return new SgProgram(names, chains, sets);
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
