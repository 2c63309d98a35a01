package io.ecsbox.network.secgroup;

import io.ecsbox.network.secgroup.SgRule.Direction;
import java.util.List;

/** Small builders for security-group tests. */
final class SgFixtures {
  private SgFixtures() {}

  static SgRule in(String proto, String ports, String cidr, String policy, int priority) {
    return SgRule.parse(Direction.INGRESS, proto, ports, cidr, null, policy, "" + priority);
  }

  static SgRule inFromGroup(String proto, String ports, String group, String policy, int priority) {
    return SgRule.parse(Direction.INGRESS, proto, ports, null, group, policy, "" + priority);
  }

  static SgRule out(String proto, String ports, String cidr, String policy, int priority) {
    return SgRule.parse(Direction.EGRESS, proto, ports, cidr, null, policy, "" + priority);
  }

  static Nic nic(String id, String tap, int lastOctet, String... groups) {
    return new Nic(id, tap, String.format("52:54:00:00:00:%02x", lastOctet), List.of("10.7.0." + lastOctet),
        List.of(groups));
  }
}
