package io.ecsbox.host.firewall;

import io.ecsbox.agent.FirewallAgent;
import io.ecsbox.agent.firewall.SgModel;

/**
 * The firewall of this host: compiles the model (one long-lived {@link SgCompiler}, which
 * recompiles only what changed) and applies the program through iptables-restore and ipset
 * ({@link IptablesSgApplier}, which rewrites only the chains that differ).
 */
public final class IptablesFirewall implements FirewallAgent {
  private final SgCompiler compiler;
  private final IptablesSgApplier applier;

  public IptablesFirewall(SgCompiler compiler, IptablesSgApplier applier) {
    this.compiler = compiler;
    this.applier = applier;
  }

  @Override
  public void ensureBridgeNetfilter() {
    applier.ensureBridgeNetfilter();
  }

  @Override
  public synchronized void apply(SgModel model) {
    applier.apply(compiler.compile(model));
  }

  @Override
  public synchronized void reconcile(SgModel model) {
    applier.reconcile(compiler.compile(model));
  }

  @Override
  public synchronized boolean repairDrift() {
    return applier.repairDrift();
  }
}
