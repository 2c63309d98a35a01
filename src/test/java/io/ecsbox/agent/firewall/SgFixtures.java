package io.ecsbox.agent.firewall;

import io.ecsbox.agent.firewall.SgRule.Direction;
import java.util.List;

/** Small builders for security-group tests. */
public final class SgFixtures {
  private SgFixtures() {}

  public static SgRule in(String proto, String ports, String cidr, String policy, int priority) {
    return SgRule.parse(Direction.INGRESS, proto, ports, cidr, null, policy, "" + priority);
  }

  public static SgRule inFromGroup(String proto, String ports, String group, String policy, int priority) {
    return SgRule.parse(Direction.INGRESS, proto, ports, null, group, policy, "" + priority);
  }

  public static SgRule out(String proto, String ports, String cidr, String policy, int priority) {
    return SgRule.parse(Direction.EGRESS, proto, ports, cidr, null, policy, "" + priority);
  }

  /** The tap name the fixtures' NICs get on a test host: "t-" and the id after "eni-" ("eni-a": "t-a"). */
  public static String tap(String nicId) {
    return "t-" + nicId.substring("eni-".length());
  }

  public static Nic nic(String id, int lastOctet, String... groups) {
    return new Nic(id, String.format("52:54:00:00:00:%02x", lastOctet), List.of("10.7.0." + lastOctet),
        List.of(groups));
  }
}
