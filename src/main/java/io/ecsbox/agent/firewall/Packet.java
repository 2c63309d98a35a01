package io.ecsbox.agent.firewall;

import io.ecsbox.common.Cidr;
import io.ecsbox.agent.firewall.SgRule.Protocol;

/**
 * The first packet of a new flow. {@code fromNic}/{@code toNic} are NIC ids, or null for a
 * port that is not one of our NICs (router, outside). {@code srcMac} null means the sending
 * NIC's own MAC. {@code port} is the destination port for tcp/udp, ignored otherwise.
 */
public record Packet(String fromNic, String srcMac, String srcIp, String toNic, String dstIp,
    Protocol protocol, int port) {
  public Packet {
    if (protocol == Protocol.ALL) {
      throw new IllegalArgumentException("a packet has one protocol");
    }
    Cidr.parseLenientAddress(srcIp);
    Cidr.parseLenientAddress(dstIp);
  }

  public static Packet between(Nic from, Nic to, Protocol protocol, int port) {
    return new Packet(from.id(), null, from.ips().get(0), to.id(), to.ips().get(0), protocol, port);
  }
}
