package io.ecsbox.agent;

import io.ecsbox.host.firewall.SgProgram;

/**
 * What {@link SecurityGroupService} needs from the host: make the filter match a compiled
 * program. Production: {@code iptables.IptablesSgApplier}; unit tests use a fake.
 */
public interface FirewallAgent {
  /** Makes bridged traffic pass iptables (br_netfilter); throws when it cannot. */
  void ensureBridgeNetfilter();

  /** Rewrites what differs from the last program applied (everything the first time). */
  void apply(SgProgram program);

  /** Reads the host and rewrites everything of ours, removing stale chains and sets. */
  void reconcile(SgProgram program);
}
