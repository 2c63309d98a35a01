package io.ecsbox.api.actions;

import io.ecsbox.network.NetworkInterface;
import io.ecsbox.network.NicService;
import io.ecsbox.network.eip.EipService;
import java.util.List;
import java.util.Optional;

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

  /** The network of one instance, from its NICs and public addresses. */
  public static InstanceNetView of(NicService nics, EipService eips, String instanceId) {
    List<NetworkInterface> list = nics.ofInstance(instanceId);
    if (list.isEmpty()) {
      return NONE;
    }
    NetworkInterface primary = list.get(0);
    Optional<io.ecsbox.network.eip.Eip> pub = eips.forInstance(instanceId);
    Optional<io.ecsbox.network.eip.Eip> nat = pub.filter(io.ecsbox.network.eip.Eip::isNat);
    Optional<io.ecsbox.network.eip.Eip> eip = pub.filter(e -> !e.isNat());
    return new InstanceNetView(primary.vpcId(), primary.vSwitchId(),
        list.stream().map(n -> new Nic(n.id(), n.type(), n.mac(), n.privateIp())).toList(),
        nics.groupsOf(primary.id()), nat.map(io.ecsbox.network.eip.Eip::ip).orElse(null),
        nat.map(io.ecsbox.network.eip.Eip::bandwidth).orElse(0),
        eip.map(e -> new Eip(e.allocationId(), e.ip(), e.bandwidth(), e.chargeType())).orElse(null));
  }

  public List<String> privateIps() {
    return nics.stream().filter(n -> n.type().equals("Primary")).map(Nic::privateIp).toList();
  }
}
