package io.ecsbox.agent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the network service needs from a host to give VPCs and vSwitches a data plane. A VPC
 * is a routing domain of its own (its vRouter), so two VPCs may use the same CIDR; a vSwitch
 * is an L2 segment joined to its VPC's vRouter, which holds the gateway address and serves
 * fixed DHCP leases. Every method is idempotent, touches only what this host adapter made,
 * and throws when the host refuses: {@link io.ecsbox.host.exec.CommandException} (argv, exit code,
 * stderr) for a failed command, an internal {@link io.ecsbox.common.ServiceException} for a
 * check of its own (e.g. a foreign interface in the way, a DHCP server that did not start).
 */
public interface VpcAgent {

  /** Makes the VPC's vRouter exist and forward. */
  void ensureVpc(String vpcId);

  /** Makes the vSwitch's segment, its link to the vRouter (with the gateway) and its DHCP server exist. */
  void ensureVSwitch(VSwitchNet vSwitch);

  /** Replaces the vSwitch's fixed leases and makes its DHCP server read them. */
  void setDhcpHosts(VSwitchNet vSwitch, List<DhcpHost> hosts);

  /** Removes the vSwitch's segment, link and DHCP server; absent is fine. */
  void deleteVSwitch(String vSwitchId);

  /** Removes the VPC's vRouter and every vSwitch of it; absent is fine. */
  void deleteVpc(String vpcId);

  /**
   * Makes the host match {@code vpcIds} and {@code vSwitches} (with their leases): removes
   * the stale vRouters, segments and DHCP servers of ours, creates what is missing.
   */
  void reconcile(Set<String> vpcIds, Map<VSwitchNet, List<DhcpHost>> vSwitches);

  /**
   * Removes the vRouters, segments, DHCP servers (processes before the namespaces they run
   * in) and files of ours that {@code known} does not name; creates nothing. {@code known} is
   * asked after the host was looked at, so what is made meanwhile (its row comes first) stays.
   */
  void prune(java.util.function.Supplier<Present> known);

  /** The ids of the VPCs and vSwitches of ours present on the host. */
  Present present();

  /** VPC ids with a vRouter, vSwitch ids with a segment. */
  record Present(Collection<String> vpcIds, Collection<String> vSwitchIds) {}
}
