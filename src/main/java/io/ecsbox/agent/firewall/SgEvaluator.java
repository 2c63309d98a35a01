package io.ecsbox.agent.firewall;

import io.ecsbox.common.Cidr;
import io.ecsbox.agent.firewall.SgRule.Direction;
import io.ecsbox.agent.firewall.SgRule.Policy;
import io.ecsbox.agent.firewall.SgRule.Protocol;

/**
 * The reference semantics of security groups, as pure code: the verdict for the first packet
 * of a new flow (replies of an accepted flow always pass; the kernel does that with conntrack).
 * The sender's egress is checked first (anti-spoofing, then egress rules, open by default),
 * then the receiver's ingress (rules, then member-to-member access of normal groups, then drop).
 * The compiled iptables chains must agree with this class; SgPacketIT checks that they do.
 * DHCP replies (udp 67 to 68, always let in) and the ban on guests answering as DHCP servers
 * (udp from port 67, always dropped) are compiled in but outside this model: a {@link Packet}
 * has no source port.
 */
public final class SgEvaluator {
  private final SgModel model;

  public SgEvaluator(SgModel model) {
    this.model = model;
  }

  public Verdict decide(Packet p) {
    int src = Cidr.parseLenientAddress(p.srcIp());
    int dst = Cidr.parseLenientAddress(p.dstIp());
    if (p.fromNic() != null) {
      Nic from = model.nic(p.fromNic());
      if (p.srcMac() != null && !p.srcMac().equalsIgnoreCase(from.mac())) {
        return Verdict.drop("spoofed MAC " + p.srcMac() + " from " + from.id());
      }
      if (!from.ips().contains(p.srcIp()) && !isDhcpRequest(p)) {
        return Verdict.drop("spoofed source " + p.srcIp() + " from " + from.id());
      }
      SgRule r = firstMatch(from, Direction.EGRESS, p.protocol(), p.port(), dst);
      if (r != null && r.policy() == Policy.DROP) {
        return Verdict.drop("egress rule " + r + " of " + from.id());
      }
    }
    if (p.toNic() == null) {
      return Verdict.accept("egress allowed, destination is not ours");
    }
    Nic to = model.nic(p.toNic());
    SgRule r = firstMatch(to, Direction.INGRESS, p.protocol(), p.port(), src);
    if (r != null) {
      return new Verdict(r.policy() == Policy.ACCEPT, "ingress rule " + r + " of " + to.id());
    }
    for (String g : model.innerAcceptGroups(to)) {
      if (model.memberIps(g).contains(src)) {
        return Verdict.accept("member of " + g);
      }
    }
    return Verdict.drop("ingress default of " + to.id());
  }

  private SgRule firstMatch(Nic nic, Direction d, Protocol proto, int port, int remote) {
    for (SgRule r : model.rulesFor(nic, d)) {
      if (r.matches(proto, port, remote, model)) {
        return r;
      }
    }
    return null;
  }

  /** A DHCP DISCOVER/REQUEST (0.0.0.0:68 to 255.255.255.255:67) is the one packet sent before a NIC has its IP. */
  static boolean isDhcpRequest(Packet p) {
    return p.srcIp().equals("0.0.0.0") && p.dstIp().equals("255.255.255.255")
        && p.protocol() == Protocol.UDP && p.port() == 67;
  }
}
