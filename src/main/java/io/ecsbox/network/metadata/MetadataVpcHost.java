package io.ecsbox.network.metadata;

import io.ecsbox.network.DhcpHost;
import io.ecsbox.network.VSwitchNet;
import io.ecsbox.network.VpcHost;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VpcHost} that also keeps the {@link MetadataService} in step: a VPC's endpoint is
 * made after its vRouter, closed before its vRouter goes, and reconciled with it. A
 * metadata failure is logged, not thrown: the VPC itself still works without it.
 */
public final class MetadataVpcHost implements VpcHost {
  private static final Logger log = LoggerFactory.getLogger(MetadataVpcHost.class);
  private final VpcHost host;
  private final MetadataService metadata;

  public MetadataVpcHost(VpcHost host, MetadataService metadata) {
    this.host = host;
    this.metadata = metadata;
  }

  @Override
  public void ensureVpc(String vpcId) {
    host.ensureVpc(vpcId);
    ensureMetadata(vpcId);
  }

  @Override
  public void ensureVSwitch(VSwitchNet vSwitch) {
    host.ensureVSwitch(vSwitch);
    ensureMetadata(vSwitch.vpcId());
  }

  @Override
  public void setDhcpHosts(VSwitchNet vSwitch, List<DhcpHost> hosts) {
    host.setDhcpHosts(vSwitch, hosts);
  }

  @Override
  public String bridgeName(String vSwitchId) {
    return host.bridgeName(vSwitchId);
  }

  @Override
  public void deleteVSwitch(String vSwitchId) {
    host.deleteVSwitch(vSwitchId);
  }

  @Override
  public void deleteVpc(String vpcId) {
    metadata.remove(vpcId);
    host.deleteVpc(vpcId);
  }

  @Override
  public void reconcile(Set<String> vpcIds, Map<VSwitchNet, List<DhcpHost>> vSwitches) {
    host.reconcile(vpcIds, vSwitches);
    Set<String> all = new TreeSet<>(vpcIds);
    vSwitches.keySet().forEach(v -> all.add(v.vpcId()));
    try {
      metadata.reconcile(all);
    } catch (RuntimeException e) {
      log.error("metadata: {}", e.getMessage());
    }
  }

  @Override
  public Present present() {
    return host.present();
  }

  private void ensureMetadata(String vpcId) {
    try {
      metadata.ensure(vpcId);
    } catch (RuntimeException e) {
      log.error("metadata: VPC {} has no metadata service: {}", vpcId, e.getMessage(), e);
    }
  }
}
