package io.ecsbox.agent;

import java.util.List;
import java.util.Map;

/**
 * What EIPs need from the host: per VPC, a link from its vRouter to the operator's public
 * bridge holding the VPC's public addresses, 1:1 NAT between each public and private address,
 * and a bandwidth limit per public address. Every method is idempotent, touches only what this
 * adapter made, and throws {@link io.ecsbox.host.exec.CommandException} or an internal
 * {@link io.ecsbox.common.ServiceException} when the host refuses.
 */
public interface EipAgent {

  /** One public address of a VPC: where it leads and its limit (Mbit/s). */
  record Mapping(String publicIp, String privateIp, int bandwidthMbps) {}

  /** Makes {@code publicIp} lead to {@code privateIp} in the VPC, limited to {@code bandwidthMbps}. */
  void associate(String vpcId, String publicIp, String privateIp, int bandwidthMbps);

  /** Removes the mapping of {@code publicIp} (and flows using it); absent is fine. */
  void disassociate(String vpcId, String publicIp, String privateIp);

  /** Changes the limit of an existing mapping. */
  void setBandwidth(String vpcId, String publicIp, int bandwidthMbps);

  /**
   * Makes the host match {@code byVpc} exactly: mappings and uplinks of ours that are not
   * wanted go, missing ones are made. VPCs not named lose everything EIP of ours.
   */
  void reconcile(Map<String, List<Mapping>> byVpc);

  /** Removes the VPC's uplink, NAT and limits; absent is fine. */
  void removeVpc(String vpcId);
}
