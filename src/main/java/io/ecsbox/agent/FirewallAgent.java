package io.ecsbox.agent;

import io.ecsbox.agent.firewall.SgModel;

/**
 * Security groups on a host: the host's filter enforces an {@link SgModel} (the groups and
 * the NICs in them) for the NICs it has. Every call is idempotent and touches only what the
 * agent made.
 */
public interface FirewallAgent {
  /** Makes bridged traffic pass the host filter (br_netfilter); throws when it cannot. */
  void ensureBridgeNetfilter();

  /** Makes the filter match {@code model}, rewriting only what differs from the last one applied. */
  void apply(SgModel model);

  /** Reads the host and rewrites everything of ours to match {@code model}, removing stale objects. */
  void reconcile(SgModel model);

  /**
   * Reads the host and, when chains or sets of ours were added, removed or unhooked behind the
   * agent's back since the last apply, rewrites everything of ours to match that apply. Returns
   * whether it had to.
   */
  boolean repairDrift();
}
