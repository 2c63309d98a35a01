package io.ecsbox.compute;

import io.ecsbox.agent.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A host in memory: domains are map entries; calls are recorded. */
final class FakeAgent implements Agent {
  final Map<String, PowerState> domains = new ConcurrentHashMap<>();
  final Map<String, Launch> launches = new ConcurrentHashMap<>();
  final List<String> dirs = new ArrayList<>();
  final List<String> calls = new ArrayList<>();
  volatile RuntimeException failStart;

  @Override
  public synchronized void ensureRunning(Launch l) {
    calls.add("ensureRunning " + l.instanceId());
    if (failStart != null) {
      domains.put(l.instanceId(), PowerState.SHUTOFF);
      throw failStart;
    }
    launches.put(l.instanceId(), l);
    domains.put(l.instanceId(), PowerState.RUNNING);
  }

  @Override
  public synchronized void ensureStopped(String id, boolean force, Duration grace) {
    calls.add("ensureStopped " + id + (force ? " force" : ""));
    domains.computeIfPresent(id, (k, v) -> PowerState.SHUTOFF);
  }

  @Override
  public synchronized void reboot(String id, boolean force) {
    calls.add("reboot " + id);
  }

  @Override
  public synchronized void release(String id) {
    calls.add("release " + id);
    domains.remove(id);
    dirs.remove(id);
  }

  @Override
  public PowerState state(String id) {
    return domains.getOrDefault(id, PowerState.ABSENT);
  }

  @Override
  public List<String> ownedDomains() {
    return List.copyOf(domains.keySet());
  }

  @Override
  public synchronized List<String> instanceDirs() {
    return List.copyOf(dirs);
  }

  @Override
  public Console console(String id, int maxBytes) {
    return new Console(new byte[0], null);
  }

  @Override
  public boolean kvm() {
    return false;
  }
}
