package io.ecsbox.agent;

import io.ecsbox.common.Cidr;
import io.ecsbox.common.Ids;

/**
 * What the host needs to know about a vSwitch: its id, its VPC's id and its CIDR. Its gateway,
 * the vRouter's address on it, is the first of the three addresses ECS reserves at the top of
 * every vSwitch (x.x.x.253 of a /24).
 */
public record VSwitchNet(String vpcId, String vSwitchId, Cidr cidr) {
  /** The masks a vSwitch may have. */
  public static final int MIN_PREFIX = 16;
  public static final int MAX_PREFIX = 29;

  public VSwitchNet {
    if (!Ids.valid("vpc", vpcId)) {
      throw new IllegalArgumentException("not a VPC id: " + vpcId);
    }
    if (!Ids.valid("vsw", vSwitchId)) {
      throw new IllegalArgumentException("not a vSwitch id: " + vSwitchId);
    }
    if (cidr.prefix() < MIN_PREFIX || cidr.prefix() > MAX_PREFIX) {
      throw new IllegalArgumentException("vSwitch CIDR " + cidr + " has a mask outside /16-/29");
    }
  }

  /** The vRouter's address on this vSwitch. */
  public String gateway() {
    return Cidr.format(gatewayOf(cidr));
  }

  /** The gateway address of a vSwitch CIDR. */
  public static int gatewayOf(Cidr vSwitch) {
    return vSwitch.last() - 2;
  }
}
