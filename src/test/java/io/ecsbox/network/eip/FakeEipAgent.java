package io.ecsbox.network.eip;

import io.ecsbox.agent.EipAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An {@link EipAgent} in memory: mappings by VPC and public IP; can be told to fail the next call. */
final class FakeEipAgent implements EipAgent {
  final Map<String, Map<String, Mapping>> byVpc = new TreeMap<>();
  final List<String> calls = new ArrayList<>();
  RuntimeException failNext;

  @Override
  public synchronized void associate(String vpcId, String publicIp, String privateIp, int bandwidthMbps) {
    call("associate " + vpcId + " " + publicIp + " " + privateIp + " " + bandwidthMbps);
    byVpc.computeIfAbsent(vpcId, k -> new TreeMap<>()).put(publicIp, new Mapping(publicIp, privateIp, bandwidthMbps));
  }

  @Override
  public synchronized void disassociate(String vpcId, String publicIp, String privateIp) {
    call("disassociate " + vpcId + " " + publicIp);
    Map<String, Mapping> m = byVpc.get(vpcId);
    if (m != null) {
      m.remove(publicIp);
      if (m.isEmpty()) {
        byVpc.remove(vpcId);
      }
    }
  }

  @Override
  public synchronized void setBandwidth(String vpcId, String publicIp, int bandwidthMbps) {
    call("setBandwidth " + vpcId + " " + publicIp + " " + bandwidthMbps);
    Mapping m = byVpc.get(vpcId).get(publicIp);
    byVpc.get(vpcId).put(publicIp, new Mapping(publicIp, m.privateIp(), bandwidthMbps));
  }

  @Override
  public synchronized void reconcile(Map<String, List<Mapping>> wanted) {
    call("reconcile " + wanted.keySet());
    byVpc.clear();
    wanted.forEach((vpc, list) -> list.forEach(m ->
        byVpc.computeIfAbsent(vpc, k -> new TreeMap<>()).put(m.publicIp(), m)));
  }

  @Override
  public synchronized void removeVpc(String vpcId) {
    call("removeVpc " + vpcId);
    byVpc.remove(vpcId);
  }

  /** Every mapping as "vpc pub>priv@bw", sorted. */
  synchronized String mappings() {
    List<String> out = new ArrayList<>();
    byVpc.forEach((vpc, m) -> m.values().forEach(x ->
        out.add(vpc + " " + x.publicIp() + ">" + x.privateIp() + "@" + x.bandwidthMbps())));
    return String.join(", ", out);
  }

  private void call(String what) {
    calls.add(what);
    RuntimeException f = failNext;
    if (f != null) {
      failNext = null;
      throw f;
    }
  }
}
