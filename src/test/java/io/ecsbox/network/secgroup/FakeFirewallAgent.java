package io.ecsbox.network.secgroup;

import io.ecsbox.agent.FirewallAgent;
import io.ecsbox.host.firewall.SgProgram;
import java.util.ArrayList;
import java.util.List;

/** Records the programs it is given instead of touching the host; can be told to fail. */
public final class FakeFirewallAgent implements FirewallAgent {
  public final List<SgProgram> applied = new ArrayList<>();
  public int reconciles;
  public boolean bridgeChecked;
  public RuntimeException failWith;

  @Override
  public void ensureBridgeNetfilter() {
    bridgeChecked = true;
  }

  @Override
  public void apply(SgProgram program) {
    if (failWith != null) {
      throw failWith;
    }
    applied.add(program);
  }

  @Override
  public void reconcile(SgProgram program) {
    reconciles++;
    apply(program);
  }

  public SgProgram last() {
    return applied.get(applied.size() - 1);
  }
}
