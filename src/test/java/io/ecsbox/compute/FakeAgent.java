package io.ecsbox.compute;

import io.ecsbox.agent.Console;
import io.ecsbox.agent.GuestMemory;
import io.ecsbox.agent.Launch;
import io.ecsbox.agent.Volume;
import io.ecsbox.agent.PowerState;
import io.ecsbox.agent.StopCause;
import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.agent.HostResources;
import io.ecsbox.agent.NicSpec;
import io.ecsbox.agent.VolumeAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A host in memory: domains are map entries; calls are recorded. */
public final class FakeAgent implements ComputeAgent, VolumeAgent {
  final Map<String, PowerState> domains = new ConcurrentHashMap<>();
  final Map<String, Launch> launches = new ConcurrentHashMap<>();
  final List<String> dirs = new ArrayList<>();
  public final List<String> calls = new ArrayList<>();
  /** The layer files made and not deleted. */
  final java.util.Set<java.nio.file.Path> files = new java.util.HashSet<>();
  /** The backing file a layer's header names, where a test or a flattening set one. */
  public final Map<java.nio.file.Path, java.nio.file.Path> backing = new java.util.HashMap<>();
  final Map<String, StopCause> stopCauses = new ConcurrentHashMap<>();
  volatile RuntimeException failStart;

  /** A domain that runs, as if started (for tests outside compute). */
  public synchronized void running(String id) {
    domains.put(id, PowerState.RUNNING);
  }

  /** The guest stops on its own, for {@code cause} (e.g. its QEMU was killed). */
  synchronized void stopFromOutside(String id, StopCause cause) {
    domains.put(id, PowerState.SHUTOFF);
    stopCauses.put(id, cause);
  }

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
    stopCauses.put(id, force ? StopCause.DESTROYED : StopCause.GUEST_SHUTDOWN);
  }

  @Override
  public synchronized void attachNic(String id, NicSpec nic) {
    calls.add("attachNic " + id + " " + nic.mac());
  }

  @Override
  public synchronized void detachNic(String id, String mac) {
    calls.add("detachNic " + id + " " + mac);
  }

  @Override
  public synchronized void reboot(Launch l, boolean force) {
    String id = l.instanceId();
    calls.add("reboot " + id);
    launches.put(id, l);
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
  public StopCause stopCause(String id) {
    PowerState s = state(id);
    if (s == PowerState.ABSENT) {
      return StopCause.GONE;
    }
    return s.live() ? StopCause.NONE : stopCauses.getOrDefault(id, StopCause.UNKNOWN);
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

  /** A running fake guest reports its launch's memory, half of it unused. */
  @Override
  public synchronized Optional<GuestMemory> memory(String id) {
    if (domains.get(id) != PowerState.RUNNING) {
      return Optional.empty();
    }
    long kib = launches.get(id).memoryMiB() * 1024;
    return Optional.of(new GuestMemory(kib, kib - 8192, kib / 2, kib / 2 + 4096, 4096, 100_000, null));
  }

  @Override
  public boolean kvm() {
    return false;
  }

  @Override
  public HostResources resources() {
    return new HostResources(2, 2048);
  }

  @Override
  public synchronized void ensureVolume(Volume v) {
    calls.add("ensureVolume " + v.diskId());
    files.add(v.file());
  }

  @Override
  public synchronized boolean volumeExists(java.nio.file.Path file) {
    return files.contains(file);
  }

  @Override
  public synchronized void deleteVolume(java.nio.file.Path file) {
    calls.add("deleteVolume " + file.getFileName());
    files.remove(file);
  }

  @Override
  public synchronized void attachDisk(String instanceId, Volume v) {
    calls.add("attachDisk " + instanceId + " " + v.diskId());
  }

  @Override
  public synchronized void detachDisk(String instanceId, String diskId) {
    calls.add("detachDisk " + instanceId + " " + diskId);
  }

  @Override
  public synchronized void snapshotDisk(String running, String diskId, java.nio.file.Path top,
      java.nio.file.Path newTop, long sizeBytes) {
    calls.add("snapshotDisk " + diskId);
    files.add(newTop);
  }

  @Override
  public synchronized void resizeDisk(String running, String diskId, java.nio.file.Path top, long sizeBytes) {
    calls.add("resizeDisk " + diskId);
  }

  @Override
  public synchronized void rebaseVolume(java.nio.file.Path file, java.nio.file.Path newBacking) {
    calls.add("rebaseVolume " + file.getFileName());
  }

  @Override
  public synchronized void pullDisk(String instanceId, String diskId, java.nio.file.Path base) {
    calls.add("pullDisk " + diskId);
  }

  @Override
  public synchronized void commitDisk(String instanceId, String diskId, java.nio.file.Path top,
      java.nio.file.Path base) {
    calls.add("commitDisk " + diskId);
  }

  @Override
  public synchronized void flattenUnder(java.nio.file.Path top, java.nio.file.Path from, java.nio.file.Path root,
      java.nio.file.Path flat, long sizeBytes) {
    calls.add("flattenUnder " + top.getFileName());
    files.add(flat);
    backing.put(top, flat);
  }

  @Override
  public synchronized java.util.Optional<java.nio.file.Path> backingOf(java.nio.file.Path file) {
    return java.util.Optional.ofNullable(backing.get(file));
  }

  @Override
  public Map<String, java.nio.file.Path> diskFiles(String instanceId) {
    return Map.of();
  }

  @Override
  public List<java.nio.file.Path> volumeFiles() {
    return List.of();
  }
}
