package io.ecsbox.host;

import io.ecsbox.agent.DhcpHost;
import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.agent.VpcAgent;
import io.ecsbox.host.metadata.MetadataService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VPCs of this host: each VPC's data plane (vRouter, vSwitch bridges, DHCP) and its
 * metadata endpoint at 100.100.100.200 inside the vRouter. A metadata endpoint that cannot be
 * made is logged and leaves the VPC up without it (made again at the next ensure or reconcile).
 */
public final class VpcPlane implements VpcAgent, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VpcPlane.class);
  private final VpcAgent dataPlane;
  private final MetadataService metadata;

  public VpcPlane(VpcAgent dataPlane, MetadataService metadata) {
    this.dataPlane = dataPlane;
    this.metadata = metadata;
  }

  @Override
  public void ensureVpc(String vpcId) {
    dataPlane.ensureVpc(vpcId);
    try {
      metadata.ensure(vpcId);
    } catch (RuntimeException e) {
      log.error("VPC {} is up, but its metadata service is not: {}", vpcId, e.getMessage(), e);
    }
  }

  @Override
  public void ensureVSwitch(VSwitchNet vSwitch) {
    dataPlane.ensureVSwitch(vSwitch);
  }

  @Override
  public void setDhcpHosts(VSwitchNet vSwitch, List<DhcpHost> hosts) {
    dataPlane.setDhcpHosts(vSwitch, hosts);
  }

  @Override
  public void deleteVSwitch(String vSwitchId) {
    dataPlane.deleteVSwitch(vSwitchId);
  }

  @Override
  public void deleteVpc(String vpcId) {
    metadata.remove(vpcId);
    dataPlane.deleteVpc(vpcId);
  }

  @Override
  public void reconcile(Set<String> vpcIds, Map<VSwitchNet, List<DhcpHost>> vSwitches) {
    dataPlane.reconcile(vpcIds, vSwitches);
    try {
      metadata.reconcile(vpcIds);
    } catch (RuntimeException e) {
      log.error("networking: the metadata service does not serve every VPC: {}", e.getMessage(), e);
    }
  }

  @Override
  public void prune(java.util.function.Supplier<Present> known) {
    Set<String> serving = metadata.serving(); // before the store is asked, like the data plane
    Present[] asked = new Present[1];
    dataPlane.prune(() -> asked[0] = known.get());
    for (String vpc : serving) {
      if (!asked[0].vpcIds().contains(vpc)) {
        metadata.remove(vpc);
      }
    }
  }

  @Override
  public Present present() {
    return dataPlane.present();
  }

  /** Stops serving metadata; the data plane stays (the next daemon serves it again). */
  @Override
  public void close() {
    metadata.close();
  }
}
