package io.ecsbox.network;

import io.ecsbox.agent.DhcpHost;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link VpcService.VSwitchNics} in memory: leases per vSwitch, and vSwitches marked in use. */
public final class FakeVSwitchNics implements VpcService.VSwitchNics {
  public final Map<String, List<DhcpHost>> leases = new ConcurrentHashMap<>();
  public final Set<String> inUse = ConcurrentHashMap.newKeySet();

  @Override
  public List<DhcpHost> dhcpHosts(String vSwitchId) {
    return leases.getOrDefault(vSwitchId, List.of());
  }

  @Override
  public boolean vSwitchInUse(String vSwitchId) {
    return inUse.contains(vSwitchId);
  }
}
