package io.ecsbox.host.eip;

import io.ecsbox.common.Cidr;
import io.ecsbox.agent.EipAgent.Mapping;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a VPC's public side is made of, built by pure code: the iptables-restore payload of
 * our two nat chains (DNAT public→private before routing, SNAT private→public out of the
 * uplink) and the {@code tc -batch} lines of the limits. Outbound (guest→internet) is an htb
 * class per public address on the uplink veth, matched on the source after SNAT; inbound
 * (internet→guest) is the same on an ifb the uplink's ingress is redirected to, matched on the
 * destination before DNAT. Class minor and u32 key are the address's offset in the range.
 */
final class EipRules {
  static final String PRE = "ECSBOX-EIP-PRE";
  static final String POST = "ECSBOX-EIP-POST";
  static final String FWD = "ECSBOX-EIP-FWD";
  /** ECS gives inbound traffic at least 10 Mbit/s, or the outbound limit when that is higher. */
  static final int MIN_INBOUND_MBPS = 10;
  private static final Pattern DNAT = Pattern.compile("-A " + PRE + " -d ([0-9.]+)/32 -m comment --comment"
      + " \"?ecsbox-bw=([0-9]+)\"? -j DNAT --to-destination ([0-9.]+)");

  private EipRules() {}

  /**
   * Ours in a netns's nat and filter tables, as {@code iptables-save} shows them; mappings by
   * public IP.
   */
  record NatState(boolean preChain, boolean postChain, boolean preJump, boolean postJump, boolean fwdChain,
      boolean fwdJump, Map<String, Mapping> mappings) {}

  /** Which tc objects exist: root qdiscs and the htb class minors on the uplink veth and the ifb. */
  record TcState(boolean uplinkRoot, boolean uplinkIngress, boolean ifbRoot, Set<Integer> uplinkClasses,
      Set<Integer> ifbClasses) {}

  static NatState parseNat(String iptablesS) {
    boolean preChain = false;
    boolean postChain = false;
    boolean preJump = false;
    boolean postJump = false;
    boolean fwdChain = false;
    boolean fwdJump = false;
    Map<String, Mapping> mappings = new LinkedHashMap<>();
    for (String line : iptablesS.lines().map(String::strip).toList()) {
      preChain |= line.startsWith(":" + PRE + " ");
      postChain |= line.startsWith(":" + POST + " ");
      fwdChain |= line.startsWith(":" + FWD + " ");
      fwdJump |= line.equals("-A FORWARD -j " + FWD);
      preJump |= line.equals("-A PREROUTING -j " + PRE);
      postJump |= line.equals("-A POSTROUTING -j " + POST);
      Matcher m = DNAT.matcher(line);
      if (m.matches()) {
        mappings.put(m.group(1), new Mapping(m.group(1), m.group(3), Integer.parseInt(m.group(2))));
      }
    }
    return new NatState(preChain, postChain, preJump, postJump, fwdChain, fwdJump, mappings);
  }

  /**
   * Declares (so flushes) our chains, adds the missing jumps, and fills the chains with
   * {@code wanted}. The filter chain keeps the public segment to mapped traffic: in, only what
   * NAT maps (new flows to a public IP, replies to SNATed ones); out, only mapped guests.
   */
  static String renderNat(NatState now, String uplinkDev, Collection<Mapping> wanted) {
    StringBuilder sb = new StringBuilder("*nat\n");
    sb.append(':').append(PRE).append(" - [0:0]\n").append(':').append(POST).append(" - [0:0]\n");
    sb.append("-F ").append(PRE).append('\n').append("-F ").append(POST).append('\n');
    if (!now.preJump()) {
      sb.append("-A PREROUTING -j ").append(PRE).append('\n');
    }
    if (!now.postJump()) {
      sb.append("-A POSTROUTING -j ").append(POST).append('\n');
    }
    for (Mapping m : sorted(wanted)) {
      sb.append("-A ").append(PRE).append(" -d ").append(m.publicIp()).append("/32 -m comment --comment ecsbox-bw=")
          .append(m.bandwidthMbps()).append(" -j DNAT --to-destination ").append(m.privateIp()).append('\n');
      sb.append("-A ").append(POST).append(" -s ").append(m.privateIp()).append("/32 -o ").append(uplinkDev)
          .append(" -j SNAT --to-source ").append(m.publicIp()).append('\n');
    }
    sb.append("COMMIT\n*filter\n:").append(FWD).append(" - [0:0]\n-F ").append(FWD).append('\n');
    if (!now.fwdJump()) {
      sb.append("-A FORWARD -j ").append(FWD).append('\n');
    }
    sb.append("-A ").append(FWD).append(" -i ").append(uplinkDev).append(" -m conntrack --ctstate DNAT,SNAT -j RETURN\n");
    sb.append("-A ").append(FWD).append(" -i ").append(uplinkDev).append(" -j DROP\n");
    for (Mapping m : sorted(wanted)) {
      sb.append("-A ").append(FWD).append(" -s ").append(m.privateIp()).append("/32 -o ").append(uplinkDev)
          .append(" -j RETURN\n");
    }
    sb.append("-A ").append(FWD).append(" -o ").append(uplinkDev).append(" -j DROP\n");
    return sb.append("COMMIT\n").toString();
  }

  /** Removes our jumps and chains; null when there is nothing of ours. */
  static String renderNatRemoval(NatState now) {
    if (!now.preChain() && !now.postChain() && !now.preJump() && !now.postJump() && !now.fwdChain()
        && !now.fwdJump()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("*nat\n");
    if (now.preJump()) {
      sb.append("-D PREROUTING -j ").append(PRE).append('\n');
    }
    if (now.postJump()) {
      sb.append("-D POSTROUTING -j ").append(POST).append('\n');
    }
    for (String chain : List.of(PRE, POST)) {
      if (chain.equals(PRE) ? now.preChain() : now.postChain()) {
        sb.append("-F ").append(chain).append('\n').append("-X ").append(chain).append('\n');
      }
    }
    sb.append("COMMIT\n*filter\n");
    if (now.fwdJump()) {
      sb.append("-D FORWARD -j ").append(FWD).append('\n');
    }
    if (now.fwdChain()) {
      sb.append("-F ").append(FWD).append('\n').append("-X ").append(FWD).append('\n');
    }
    return sb.append("COMMIT\n").toString();
  }

  /** The class minor (and u32 key) of a public address: its offset in the range, 1-0xffe. */
  static int minor(Cidr range, String publicIp) {
    int a = Cidr.parseAddress(publicIp);
    if (!range.contains(a) || a == range.network() || a == range.last()) {
      throw new IllegalArgumentException(publicIp + " is not a usable address of " + range);
    }
    return a - range.network();
  }

  static int inboundMbps(int outboundMbps) {
    return Math.max(outboundMbps, MIN_INBOUND_MBPS);
  }

  /** Classes and filters of the classes that no wanted mapping uses (delete these first). */
  static List<String> staleFilters(String uplinkDev, String ifbDev, TcState now, Cidr range, Collection<Mapping> wanted) {
    Set<Integer> keep = minors(range, wanted);
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (int m : now.uplinkClasses().stream().sorted().toList()) {
      if (!keep.contains(m)) {
        out.add("filter del dev " + uplinkDev + " parent 1: protocol ip prio 1 handle 800::" + hex(m) + " u32");
      }
    }
    for (int m : now.ifbClasses().stream().sorted().toList()) {
      if (!keep.contains(m)) {
        out.add("filter del dev " + ifbDev + " parent 1: protocol ip prio 1 handle 800::" + hex(m) + " u32");
      }
    }
    return out;
  }

  /** The {@code tc -batch} text that makes the limits match {@code wanted} (after stale filters are gone). */
  static String renderTc(String uplinkDev, String ifbDev, TcState now, Cidr range, Collection<Mapping> wanted) {
    StringBuilder sb = new StringBuilder();
    if (!now.uplinkRoot()) {
      sb.append("qdisc replace dev ").append(uplinkDev).append(" root handle 1: htb\n");
    }
    if (!now.uplinkIngress()) {
      sb.append("qdisc replace dev ").append(uplinkDev).append(" handle ffff: ingress\n");
    }
    sb.append("filter replace dev ").append(uplinkDev).append(" parent ffff: protocol ip prio 1 handle 800::1 u32")
        .append(" match u32 0 0 action mirred egress redirect dev ").append(ifbDev).append('\n');
    if (!now.ifbRoot()) {
      sb.append("qdisc replace dev ").append(ifbDev).append(" root handle 1: htb\n");
    }
    Set<Integer> keep = minors(range, wanted);
    for (int m : now.uplinkClasses().stream().sorted().toList()) {
      if (!keep.contains(m)) {
        sb.append("class del dev ").append(uplinkDev).append(" classid 1:").append(hex(m)).append('\n');
      }
    }
    for (int m : now.ifbClasses().stream().sorted().toList()) {
      if (!keep.contains(m)) {
        sb.append("class del dev ").append(ifbDev).append(" classid 1:").append(hex(m)).append('\n');
      }
    }
    for (Mapping w : sorted(wanted)) {
      String m = hex(minor(range, w.publicIp()));
      int in = inboundMbps(w.bandwidthMbps());
      sb.append("class replace dev ").append(uplinkDev).append(" parent 1: classid 1:").append(m).append(" htb rate ")
          .append(w.bandwidthMbps()).append("mbit ceil ").append(w.bandwidthMbps()).append("mbit\n");
      sb.append("filter replace dev ").append(uplinkDev).append(" parent 1: protocol ip prio 1 handle 800::").append(m)
          .append(" u32 match ip src ").append(w.publicIp()).append("/32 flowid 1:").append(m).append('\n');
      sb.append("class replace dev ").append(ifbDev).append(" parent 1: classid 1:").append(m).append(" htb rate ")
          .append(in).append("mbit ceil ").append(in).append("mbit\n");
      sb.append("filter replace dev ").append(ifbDev).append(" parent 1: protocol ip prio 1 handle 800::").append(m)
          .append(" u32 match ip dst ").append(w.publicIp()).append("/32 flowid 1:").append(m).append('\n');
    }
    return sb.toString();
  }

  /** The minor of an htb class handle such as "1:1a"; -1 for another major or the root. */
  static int classMinor(String handle) {
    if (handle == null || !handle.startsWith("1:") || handle.length() == 2) {
      return -1;
    }
    try {
      return Integer.parseInt(handle.substring(2), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Set<Integer> minors(Cidr range, Collection<Mapping> wanted) {
    Set<Integer> out = new java.util.HashSet<>();
    wanted.forEach(w -> out.add(minor(range, w.publicIp())));
    return out;
  }

  private static List<Mapping> sorted(Collection<Mapping> wanted) {
    return wanted.stream().sorted(Comparator.comparingLong(m -> Integer.toUnsignedLong(Cidr.parseAddress(m.publicIp()))))
        .toList();
  }

  private static String hex(int minor) {
    return Integer.toHexString(minor);
  }
}
