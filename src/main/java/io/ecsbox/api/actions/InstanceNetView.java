package io.ecsbox.api.actions;

import java.util.List;

/**
 * An instance's network as DescribeInstances shows it: its VPC and vSwitch (of the primary NIC),
 * its NICs, security groups and public addresses.
 *
 * @param natIp the NAT public IP from RunInstances (PublicIpAddress), or null
 * @param eip the associated EIP, or null
 */
public record InstanceNetView(String vpcId, String vSwitchId, List<Nic> nics, List<String> securityGroupIds,
    String natIp, int internetMaxBandwidthOut, Eip eip) {
  public static final InstanceNetView NONE = new InstanceNetView("", "", List.of(), List.of(), null, 0, null);

  public record Nic(String id, String type, String mac, String privateIp) {}

  public record Eip(String allocationId, String ip, int bandwidth, String chargeType) {}

  public List<String> privateIps() {
    return nics.stream().filter(n -> n.type().equals("Primary")).map(Nic::privateIp).toList();
  }
}
