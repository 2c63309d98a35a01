package io.ecsbox.agent.firewall;

import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Cidr;
import java.util.Locale;

/**
 * One security-group rule as ECS defines it (ecs-api.md §6.5). The remote side is a CIDR or a
 * peer group (its members' current IPs); when both are given the CIDR wins, as in ECS.
 * Ports apply to tcp and udp and mean the destination port.
 */
public record SgRule(Direction direction, Protocol protocol, int portFrom, int portTo, Cidr cidr,
    String peerGroupId, Policy policy, int priority) {

  public enum Direction { INGRESS, EGRESS }

  public enum Policy { ACCEPT, DROP }

  /** IpProtocol; {@code ALL} matches every packet. */
  public enum Protocol {
    TCP, UDP, ICMP, GRE, ALL;

    public boolean hasPorts() {
      return this == TCP || this == UDP;
    }
  }

  public SgRule {
    if (cidr == null && peerGroupId == null) {
      cidr = Cidr.ANY;
    }
    if (cidr != null) {
      peerGroupId = null; // CIDR wins
    }
  }

  /**
   * Parses the API's strings: ipProtocol any case, portRange "a/b", cidr or peer group (one may be
   * null), policy accept|drop (null = accept), priority 1-100 (null = 1). Errors are ECS codes.
   */
  public static SgRule parse(Direction direction, String ipProtocol, String portRange, String cidr,
      String peerGroupId, String policy, String priority) {
    Protocol proto = parseProtocol(ipProtocol);
    int[] ports = parsePorts(proto, portRange);
    Cidr c = cidr == null || cidr.isBlank() ? null : parseCidr(direction, cidr.strip());
    String peer = peerGroupId == null || peerGroupId.isBlank() ? null : peerGroupId.strip();
    return new SgRule(direction, proto, ports[0], ports[1], c, peer, parsePolicy(policy), parsePriority(priority));
  }

  static Cidr parseCidr(Direction direction, String text) {
    try {
      return Cidr.parseLenient(text);
    } catch (IllegalArgumentException e) {
      throw RuleError.cidr(direction, text);
    }
  }

  static Protocol parseProtocol(String v) {
    if (v == null) {
      throw ServiceException.missing("IpProtocol");
    }
    try {
      return Protocol.valueOf(v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RuleError.protocol(v);
    }
  }

  static int[] parsePorts(Protocol proto, String v) {
    if (v == null) {
      throw ServiceException.missing("PortRange");
    }
    String[] p = v.strip().split("/", -1);
    int a;
    int b;
    try {
      if (p.length != 2) {
        throw RuleError.portRange(v);
      }
      a = Integer.parseInt(p[0]);
      b = Integer.parseInt(p[1]);
    } catch (NumberFormatException e) {
      throw RuleError.portRange(v);
    }
    if (!proto.hasPorts()) {
      if (a != -1 || b != -1) {
        throw RuleError.portRange(v);
      }
      return new int[] {-1, -1};
    }
    if (a < 1 || b > 65535 || a > b) {
      throw RuleError.portRange(v);
    }
    return new int[] {a, b};
  }

  static Policy parsePolicy(String v) {
    if (v == null || v.isBlank()) {
      return Policy.ACCEPT;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "accept" -> Policy.ACCEPT;
      case "drop" -> Policy.DROP;
      default -> throw RuleError.policy(v);
    };
  }

  static int parsePriority(String v) {
    if (v == null || v.isBlank()) {
      return 1;
    }
    try {
      int p = Integer.parseInt(v.strip());
      if (p >= 1 && p <= 100) {
        return p;
      }
    } catch (NumberFormatException e) {
      // falls through to the ECS error
    }
    throw RuleError.priority(v);
  }

  /** True when the rule covers every port of its protocol (no --dport needed). */
  public boolean allPorts() {
    return !protocol.hasPorts() || (portFrom == 1 && portTo == 65535);
  }

  /** Does this rule match a packet of {@code proto} to {@code port} whose remote side is {@code remoteIp}? */
  boolean matches(Protocol proto, int port, int remoteIp, SgModel model) {
    if (protocol != Protocol.ALL && protocol != proto) {
      return false;
    }
    if (protocol.hasPorts() && (port < portFrom || port > portTo)) {
      return false;
    }
    return cidr != null ? cidr.contains(remoteIp) : model.memberIps(peerGroupId).contains(remoteIp);
  }
}
