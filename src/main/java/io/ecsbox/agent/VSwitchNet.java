package io.ecsbox.agent;

import io.ecsbox.network.VpcCidrs;
import io.ecsbox.common.Cidr;
import io.ecsbox.common.Ids;

/** What the host needs to know about a vSwitch: its id, its VPC's id and its CIDR. */
public record VSwitchNet(String vpcId, String vSwitchId, Cidr cidr) {

  public VSwitchNet {
    if (!Ids.valid("vpc", vpcId)) {
      throw new IllegalArgumentException("not a VPC id: " + vpcId);
    }
    if (!Ids.valid("vsw", vSwitchId)) {
      throw new IllegalArgumentException("not a vSwitch id: " + vSwitchId);
    }
    if (cidr.prefix() < VpcCidrs.VSWITCH_MIN_PREFIX || cidr.prefix() > VpcCidrs.VSWITCH_MAX_PREFIX) {
      throw new IllegalArgumentException("vSwitch CIDR " + cidr + " has a mask outside /16-/29");
    }
  }

  /** The vRouter's address on this vSwitch (see {@link VpcCidrs#gateway}). */
  public String gateway() {
    return Cidr.format(VpcCidrs.gateway(cidr));
  }
}
