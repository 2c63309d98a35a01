package io.ecsbox.network.secgroup;

import io.ecsbox.agent.FirewallAgent;
import io.ecsbox.agent.firewall.SgModel;
import io.ecsbox.host.firewall.SgCompiler;
import io.ecsbox.host.firewall.SgProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the programs the host's compiler makes of the models it is given, instead of
 * touching the host; can be told to fail.
 */
public final class FakeFirewallAgent implements FirewallAgent {
  public final List<SgProgram> applied = new ArrayList<>();
  private final SgCompiler compiler;
  public int reconciles;
  public boolean bridgeChecked;
  public RuntimeException failWith;

  public FakeFirewallAgent(SgCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public void ensureBridgeNetfilter() {
    bridgeChecked = true;
  }

  @Override
  public void apply(SgModel model) {
    if (failWith != null) {
      throw failWith;
    }
    applied.add(compiler.compile(model));
  }

  @Override
  public boolean repairDrift() {
    return false;
  }

  @Override
  public void reconcile(SgModel model) {
    reconciles++;
    apply(model);
  }

  public SgProgram last() {
    return applied.get(applied.size() - 1);
  }
}
