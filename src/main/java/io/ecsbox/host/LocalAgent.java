package io.ecsbox.host;

import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.agent.Console;
import io.ecsbox.agent.HostResources;
import io.ecsbox.agent.Launch;
import io.ecsbox.agent.NicSpec;
import io.ecsbox.agent.Volume;
import io.ecsbox.agent.VolumeAgent;
import io.ecsbox.common.Ids;
import io.ecsbox.host.vpc.LinuxNames;
import io.ecsbox.host.libvirt.NicDevice;
import io.ecsbox.host.libvirt.DiskDevice;
import io.ecsbox.host.libvirt.DomainSpec;
import io.ecsbox.host.libvirt.Hypervisor;
import io.ecsbox.host.libvirt.InstancePaths;
import io.ecsbox.agent.PowerState;
import io.ecsbox.host.configdrive.ConfigDrives;
import io.ecsbox.host.qemuimg.DiskImages;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of the host the daemon runs on: libvirt, qemu-img and files under the data dir.
 * Paths it is given are relative to the data dir (absolute ones stay as they are); paths it
 * returns are relative when inside it.
 */
public final class LocalAgent implements ComputeAgent, VolumeAgent {
  private static final Logger log = LoggerFactory.getLogger(LocalAgent.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration DETACH_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Hypervisor hv;
  private final DiskImages disks;
  private final ConfigDrives drives;
  private final LinuxNames names;
  private final HostResources resources;

  public LocalAgent(Path dataDir, Hypervisor hv, DiskImages disks, ConfigDrives drives, LinuxNames names,
      HostResources resources) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.hv = hv;
    this.disks = disks;
    this.drives = drives;
    this.names = names;
    this.resources = resources;
  }

  @Override
  public void ensureRunning(Launch l) {
    InstancePaths p = InstancePaths.of(dataDir, l.instanceId());
    try {
      Files.createDirectories(p.dir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DiskDevice> devices = new ArrayList<>();
    for (Volume v : l.disks()) {
      ensureVolume(v);
      devices.add(device(v));
    }
    drives.write(p.configDrive(), IsoConfigDrives.metaData(l.instanceId(), l.hostName()), l.userData(),
        l.nics().isEmpty() ? null : IsoConfigDrives.networkConfig(l.nics()));
    hv.define(new DomainSpec(l.instanceId(), l.vcpus(), l.memoryMiB(), hv.kvm(), devices,
        p.configDrive(), p.consoleLog(), l.instanceName(), l.instanceType(),
        l.nics().stream().map(this::device).toList()));
    hv.start(l.instanceId());
  }

  @Override
  public void ensureStopped(String id, boolean force, Duration grace) {
    if (!force && hv.state(id) == PowerState.RUNNING) {
      hv.shutdown(id);
      long deadline = System.nanoTime() + grace.toNanos();
      while (System.nanoTime() < deadline && hv.state(id) == PowerState.RUNNING) {
        sleep(POLL);
      }
      if (hv.state(id) == PowerState.RUNNING) {
        log.info("{} did not power off within {} s; powering it off", id, grace.toSeconds());
      }
    }
    hv.destroy(id);
  }

  @Override
  public void reboot(String id, boolean force) {
    if (force || hv.state(id) != PowerState.RUNNING) {
      hv.destroy(id);
      hv.start(id);
    } else {
      hv.reboot(id);
    }
  }

  @Override
  public void release(String id) {
    hv.undefine(id);
    InstancePaths p = InstancePaths.of(dataDir, id);
    for (Path f : List.of(p.dir().resolve("system.qcow2.part"), p.configDrive(),
        p.configDrive().resolveSibling("config.iso.part"), p.consoleLog())) {
      deleteQuietly(f);
    }
    try {
      Files.deleteIfExists(p.dir());
    } catch (IOException e) {
      // a file someone else put there: keep it, and the directory with it
      log.warn("kept {}: {}", p.dir(), e.getMessage());
    }
  }

  @Override
  public PowerState state(String id) {
    return hv.state(id);
  }

  @Override
  public List<String> ownedDomains() {
    // Several daemons may share one libvirt: ours are the domains whose disk is in our data dir.
    return hv.ownedDomains().stream()
        .filter(id -> hv.systemDisk(id).map(d -> d.startsWith(dataDir)).orElse(false))
        .toList();
  }

  @Override
  public List<String> instanceDirs() {
    List<String> out = new ArrayList<>();
    Path root = dataDir.resolve("instances");
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path d : ds) {
        String name = d.getFileName().toString();
        if (Files.isDirectory(d) && Ids.valid("i", name)) {
          out.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public Console console(String id, int maxBytes) {
    Path log = InstancePaths.of(dataDir, id).consoleLog();
    if (!Files.exists(log)) {
      return new Console(new byte[0], null);
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long len = f.length();
      long from = Math.max(0, len - maxBytes);
      byte[] buf = new byte[(int) (len - from)];
      f.seek(from);
      f.readFully(buf);
      return new Console(buf, Files.getLastModifiedTime(log).toInstant());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean kvm() {
    return hv.kvm();
  }

  @Override
  public HostResources resources() {
    return resources;
  }

  // ---- disks

  @Override
  public void ensureVolume(Volume v) {
    Path file = abs(v.file());
    if (Files.exists(file)) {
      disks.resize(file, v.sizeBytes());
      return;
    }
    mkdirs(file.getParent());
    Path part = file.resolveSibling(file.getFileName() + ".part");
    deleteQuietly(part);
    if (v.backing() == null) {
      disks.createEmpty(part, v.sizeBytes());
    } else {
      disks.createOverlay(abs(v.backing()), "qcow2", part, v.sizeBytes());
    }
    move(part, file);
  }

  @Override
  public boolean volumeExists(Path file) {
    return Files.exists(abs(file));
  }

  @Override
  public void deleteVolume(Path file) {
    deleteQuietly(abs(file));
  }

  @Override
  public void attachDisk(String instanceId, Volume v) {
    ensureVolume(v);
    hv.attachDisk(instanceId, device(v));
  }

  @Override
  public void attachNic(String instanceId, NicSpec nic) {
    hv.attachNic(instanceId, device(nic));
  }

  @Override
  public void detachNic(String instanceId, String mac) {
    hv.detachNic(instanceId, mac, DETACH_TIMEOUT);
  }

  @Override
  public void detachDisk(String instanceId, String diskId) {
    hv.detachDisk(instanceId, diskId, DETACH_TIMEOUT);
  }

  @Override
  public void snapshotDisk(String runningInstanceId, String diskId, Path top, Path newTop, long sizeBytes) {
    Path next = abs(newTop);
    if (!Files.exists(next)) { // through .part: after a crash the file exists only whole
      Path part = next.resolveSibling(next.getFileName() + ".part");
      deleteQuietly(part);
      disks.createOverlayUnsafe(abs(top), part, sizeBytes);
      move(part, next);
    }
    if (runningInstanceId != null) {
      hv.snapshotDisk(runningInstanceId, diskId, next);
    }
  }

  @Override
  public void resizeDisk(String runningInstanceId, String diskId, Path top, long sizeBytes) {
    if (runningInstanceId != null) {
      hv.resizeDisk(runningInstanceId, diskId, sizeBytes);
    } else {
      disks.resize(abs(top), sizeBytes);
    }
  }

  @Override
  public void rebaseVolume(Path file, Path newBacking) {
    disks.rebase(abs(file), abs(newBacking), "qcow2");
  }

  @Override
  public void pullDisk(String instanceId, String diskId, Path base) {
    hv.pullDisk(instanceId, diskId, abs(base));
  }

  @Override
  public void commitDisk(String instanceId, String diskId, Path top, Path base) {
    hv.commitDisk(instanceId, diskId, abs(top), abs(base));
  }

  @Override
  public void flattenUnder(Path top, Path from, Path root, Path flat, long sizeBytes) {
    Path flatFile = abs(flat);
    if (!Files.exists(flatFile)) {
      Path part = flatFile.resolveSibling(flatFile.getFileName() + ".part");
      deleteQuietly(part);
      try {
        disks.createOverlayUnsafe(abs(from), part, sizeBytes);
        disks.rebase(part, abs(root), "qcow2"); // safe: copies what the chain above root holds
        move(part, flatFile);
      } catch (RuntimeException e) {
        deleteQuietly(part);
        throw e;
      }
    }
    disks.rebaseUnsafe(abs(top), flatFile);
  }

  @Override
  public java.util.Optional<Path> backingOf(Path file) {
    Path f = abs(file);
    if (!Files.exists(f)) {
      return java.util.Optional.empty();
    }
    String b = disks.info(f).backingFile();
    return b == null || b.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(rel(f.resolveSibling(b)));
  }

  @Override
  public java.util.Map<String, Path> diskFiles(String instanceId) {
    java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
    hv.diskFiles(instanceId).forEach((disk, file) -> out.put(disk, rel(file)));
    return out;
  }

  @Override
  public List<Path> volumeFiles() {
    Path root = dataDir.resolve("volumes");
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "*.{qcow2,part}")) {
      ds.forEach(f -> out.add(rel(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private DiskDevice device(Volume v) {
    return new DiskDevice(v.target(), abs(v.file()), v.diskId(), v.ioTune(), v.sizeBytes());
  }

  private NicDevice device(NicSpec n) {
    return new NicDevice(n.nicId(), n.mac(), names.bridge(n.vSwitchId()), names.tap(n.nicId()), n.ip(), n.prefix(),
        n.gateway());
  }

  /** A path the control side gave (relative to the data dir) as a file on this host; null stays null. */
  private Path abs(Path p) {
    return p == null ? null : dataDir.resolve(p).normalize();
  }

  /** A file of this host as the control side names it: relative when inside the data dir. */
  private Path rel(Path file) {
    Path f = file.toAbsolutePath().normalize();
    return f.startsWith(dataDir) ? dataDir.relativize(f) : f;
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", f, e.getMessage());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
