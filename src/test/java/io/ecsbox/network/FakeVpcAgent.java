package io.ecsbox.network;

import io.ecsbox.agent.VpcAgent;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.host.exec.CommandException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A {@link VpcAgent} in memory: which vRouters and segments exist, and failures on demand. */
public final class FakeVpcAgent implements VpcAgent {
  public final Set<String> vpcs = new TreeSet<>();
  public final Map<String, VSwitchNet> vSwitches = new TreeMap<>();
  public final List<String> calls = new ArrayList<>();
  /** Operation names ("ensureVpc", "deleteVSwitch", ...) that throw like a failed command. */
  public final Set<String> failing = new TreeSet<>();

  private void maybeFail(String op) {
    calls.add(op);
    if (failing.contains(op)) {
      throw new CommandException(List.of("ip", op), 2, "RTNETLINK answers: Operation not permitted");
    }
  }

  @Override
  public void ensureVpc(String vpcId) {
    maybeFail("ensureVpc");
    vpcs.add(vpcId);
  }

  @Override
  public void ensureVSwitch(VSwitchNet vSwitch) {
    maybeFail("ensureVSwitch");
    vpcs.add(vSwitch.vpcId());
    vSwitches.put(vSwitch.vSwitchId(), vSwitch);
  }

  @Override
  public void setDhcpHosts(VSwitchNet vSwitch, List<DhcpHost> hosts) {
    ensureVSwitch(vSwitch);
  }

  @Override
  public void deleteVSwitch(String vSwitchId) {
    maybeFail("deleteVSwitch");
    vSwitches.remove(vSwitchId);
  }

  @Override
  public void deleteVpc(String vpcId) {
    maybeFail("deleteVpc");
    vSwitches.values().removeIf(v -> v.vpcId().equals(vpcId));
    vpcs.remove(vpcId);
  }

  @Override
  public void reconcile(Set<String> vpcIds, Map<VSwitchNet, List<DhcpHost>> wanted) {
    maybeFail("reconcile");
    vSwitches.clear();
    wanted.keySet().forEach(v -> vSwitches.put(v.vSwitchId(), v));
    vpcs.clear();
    vpcs.addAll(vpcIds);
    wanted.keySet().forEach(v -> vpcs.add(v.vpcId()));
  }

  @Override
  public void prune(java.util.function.Supplier<Present> known) {
    maybeFail("prune");
    Present keep = known.get();
    vSwitches.keySet().retainAll(keep.vSwitchIds());
    vpcs.retainAll(keep.vpcIds());
  }

  @Override
  public Present present() {
    return new Present(Set.copyOf(vpcs), Set.copyOf(vSwitches.keySet()));
  }
}
