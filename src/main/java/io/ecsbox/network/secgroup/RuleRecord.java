package io.ecsbox.network.secgroup;

import io.ecsbox.agent.firewall.SgRule;
import java.time.Instant;

/**
 * A stored rule ({@code sgr-…}) of group {@code groupId}: the engine's {@link SgRule} plus what
 * only the API shows. {@code sourcePortRange} is "" (ecsbox filters on destination ports only).
 */
public record RuleRecord(String id, String groupId, SgRule rule, String sourcePortRange, String nicType,
    String description, Instant created) {

  /** PortRange as ECS shows it: "a/b", or "-1/-1" for protocols without ports. */
  public String portRange() {
    return rule.protocol().hasPorts() ? rule.portFrom() + "/" + rule.portTo() : "-1/-1";
  }

  public String direction() {
    return rule.direction() == SgRule.Direction.INGRESS ? "ingress" : "egress";
  }

  public String cidrText() {
    return rule.cidr() == null ? "" : rule.cidr().toString();
  }

  public String peerText() {
    return rule.peerGroupId() == null ? "" : rule.peerGroupId();
  }
}
