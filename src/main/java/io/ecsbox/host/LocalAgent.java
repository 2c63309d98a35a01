package io.ecsbox.host;

import io.ecsbox.agent.Agent;
import io.ecsbox.common.Ids;
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

/** The agent of the host the daemon runs on: libvirt, qemu-img and files under the data dir. */
public final class LocalAgent implements Agent {
  private static final Logger log = LoggerFactory.getLogger(LocalAgent.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration DETACH_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Hypervisor hv;
  private final DiskImages disks;
  private final ConfigDrives drives;

  public LocalAgent(Path dataDir, Hypervisor hv, DiskImages disks, ConfigDrives drives) {
    this.dataDir = dataDir;
    this.hv = hv;
    this.disks = disks;
    this.drives = drives;
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
        p.configDrive(), p.consoleLog(), l.instanceName(), l.instanceType(), l.nics()));
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

  // ---- disks

  @Override
  public void ensureVolume(Volume v) {
    if (Files.exists(v.file())) {
      disks.resize(v.file(), v.sizeBytes());
      return;
    }
    mkdirs(v.file().getParent());
    Path part = v.file().resolveSibling(v.file().getFileName() + ".part");
    deleteQuietly(part);
    if (v.backing() == null) {
      disks.createEmpty(part, v.sizeBytes());
    } else {
      disks.createOverlay(v.backing(), "qcow2", part, v.sizeBytes());
    }
    move(part, v.file());
  }

  @Override
  public void deleteVolume(Path file) {
    deleteQuietly(file);
  }

  @Override
  public void attachDisk(String instanceId, Volume v) {
    ensureVolume(v);
    hv.attachDisk(instanceId, device(v));
  }

  @Override
  public void attachNic(String instanceId, io.ecsbox.host.libvirt.NicDevice nic) {
    hv.attachNic(instanceId, nic);
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
    if (!Files.exists(newTop)) { // through .part: after a crash the file exists only whole
      Path part = newTop.resolveSibling(newTop.getFileName() + ".part");
      deleteQuietly(part);
      disks.createOverlayUnsafe(top, part, sizeBytes);
      move(part, newTop);
    }
    if (runningInstanceId != null) {
      hv.snapshotDisk(runningInstanceId, diskId, newTop);
    }
  }

  @Override
  public void resizeDisk(String runningInstanceId, String diskId, Path top, long sizeBytes) {
    if (runningInstanceId != null) {
      hv.resizeDisk(runningInstanceId, diskId, sizeBytes);
    } else {
      disks.resize(top, sizeBytes);
    }
  }

  @Override
  public void rebaseVolume(Path file, Path newBacking) {
    disks.rebase(file, newBacking, "qcow2");
  }

  @Override
  public void pullDisk(String instanceId, String diskId, Path base) {
    hv.pullDisk(instanceId, diskId, base);
  }

  @Override
  public void commitDisk(String instanceId, String diskId, Path top, Path base) {
    hv.commitDisk(instanceId, diskId, top, base);
  }

  @Override
  public void flattenUnder(Path top, Path from, Path root, Path flat, long sizeBytes) {
    if (!Files.exists(flat)) {
      Path part = flat.resolveSibling(flat.getFileName() + ".part");
      deleteQuietly(part);
      try {
        disks.createOverlayUnsafe(from, part, sizeBytes);
        disks.rebase(part, root, "qcow2"); // safe: copies what the chain above root holds
        move(part, flat);
      } catch (RuntimeException e) {
        deleteQuietly(part);
        throw e;
      }
    }
    disks.rebaseUnsafe(top, flat);
  }

  @Override
  public java.util.Optional<Path> backingOf(Path file) {
    if (!Files.exists(file)) {
      return java.util.Optional.empty();
    }
    String b = disks.info(file).backingFile();
    return b == null || b.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(file.resolveSibling(b).normalize());
  }

  @Override
  public java.util.Map<String, Path> diskFiles(String instanceId) {
    return hv.diskFiles(instanceId);
  }

  @Override
  public List<Path> volumeFiles() {
    Path root = dataDir.resolve("volumes");
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "*.{qcow2,part}")) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static DiskDevice device(Volume v) {
    return new DiskDevice(v.target(), v.file(), v.diskId(), v.ioTune(), v.sizeBytes());
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
