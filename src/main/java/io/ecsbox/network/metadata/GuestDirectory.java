package io.ecsbox.network.metadata;

import io.ecsbox.compute.Instance;
import io.ecsbox.common.Cidr;
import io.ecsbox.network.NetworkInterface;
import io.ecsbox.network.VSwitch;
import io.ecsbox.network.VpcStore;
import io.ecsbox.network.eip.Eip;
import io.ecsbox.network.eip.EipStore;
import io.ecsbox.agent.GuestMetadata;
import io.ecsbox.agent.MetadataDirectory;
import io.ecsbox.agent.NicMetadata;
import io.ecsbox.compute.InstanceStore;
import io.ecsbox.network.NicStore;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Who asks the metadata service: the instance whose attached NIC holds the source address in
 * the VPC the request came from (anti-spoofing makes that address the guest's own).
 */
public final class GuestDirectory implements MetadataDirectory {
  private final NicStore nics;
  private final InstanceStore instances;
  private final VpcStore vpcs;
  private final EipStore eips;
  private final String regionId;

  public GuestDirectory(NicStore nics, InstanceStore instances, VpcStore vpcs, EipStore eips, String regionId) {
    this.nics = nics;
    this.instances = instances;
    this.vpcs = vpcs;
    this.eips = eips;
    this.regionId = regionId;
  }

  @Override
  public Optional<GuestMetadata> lookup(String vpcId, String sourceIp) {
    Optional<NetworkInterface> nic = nics.attachedAt(vpcId, sourceIp);
    Optional<Instance> found = nic.flatMap(n -> instances.find(n.instanceId())).filter(i -> !i.deleting());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Instance i = found.get();
    List<NicMetadata> list = nics.ofInstance(i.id()).stream().map(this::nicMetadata).toList();
    Optional<Eip> pub = eips.ofInstance(i.id()).stream().findFirst();
    byte[] userData = i.userData() == null || i.userData().isEmpty() ? null
        : Base64.getDecoder().decode(i.userData());
    InstanceStore.MetadataOptions options = instances.metadataOptions(i.id());
    return Optional.of(new GuestMetadata(i.id(), i.hostName(), regionId, i.zoneId(), i.imageId(), i.serialNumber(),
        i.accountId(), i.instanceType(), i.name(), userData, options.httpTokens(), options.httpEndpoint(),
        pub.map(Eip::ip).orElse(null),
        list, pub.filter(Eip::isNat).map(Eip::bandwidth).orElse(0), instances.bootedAccess(i.id())));
  }

  private NicMetadata nicMetadata(NetworkInterface n) {
    VSwitch vs = vpcs.findVSwitch(n.vSwitchId()).orElseThrow();
    Cidr vpcCidr = vpcs.findVpc(n.vpcId()).orElseThrow().cidr();
    return new NicMetadata(n.id(), n.mac(), n.privateIp(), Cidr.format(netmask(vs.cidr().prefix())),
        vs.net().gateway(), n.vpcId(), vpcCidr.toString(), vs.id(), vs.cidr().toString());
  }

  private static int netmask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }
}
