package io.ecsbox.host;

import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.agent.Console;
import io.ecsbox.agent.HostResources;
import io.ecsbox.agent.Launch;
import io.ecsbox.host.configdrive.CloudInitUserData;
import io.ecsbox.agent.NicSpec;
import io.ecsbox.agent.GuestMemory;
import io.ecsbox.agent.PowerState;
import io.ecsbox.agent.StopCause;
import io.ecsbox.agent.Volume;
import io.ecsbox.common.Ids;
import io.ecsbox.host.configdrive.ConfigDrives;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import io.ecsbox.host.libvirt.DiskDevice;
import io.ecsbox.host.libvirt.DomainSpec;
import io.ecsbox.host.libvirt.Hypervisor;
import io.ecsbox.host.libvirt.InstancePaths;
import io.ecsbox.host.libvirt.NicDevice;
import io.ecsbox.host.vpc.LinuxNames;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guests of this host: libvirt domains named by our ids, their config drives and console
 * logs under {@code DATA_DIR/instances/<id>/}, their NICs on the taps and bridges named from
 * our ids, and the host's resources.
 */
public final class LocalGuests implements ComputeAgent {
  private static final Logger log = LoggerFactory.getLogger(LocalGuests.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration DETACH_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Hypervisor hv;
  private final LocalVolumes volumes;
  private final ConfigDrives drives;
  private final LinuxNames names;
  private final Supplier<HostResources> resources;
  /** How far back the kernel's log is searched for the OOM kill of a guest found crashed. */
  static final Duration OOM_WINDOW = Duration.ofMinutes(10);
  private final KernelLog kernelLog;

  /**
   * @param resources the host's resources, read when asked (they change as guests come and go)
   * @param kernelLog where a crashed guest's OOM kill is looked for
   */
  public LocalGuests(Path dataDir, Hypervisor hv, LocalVolumes volumes, ConfigDrives drives, LinuxNames names,
      Supplier<HostResources> resources, KernelLog kernelLog) {
    this.kernelLog = kernelLog;
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.hv = hv;
    this.volumes = volumes;
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
      volumes.ensureVolume(v);
      devices.add(volumes.device(v));
    }
    drives.write(p.configDrive(), IsoConfigDrives.metaData(l.instanceId(), l.hostName(), l.access().publicKeys()),
        l.access().passwordHash() == null ? l.userData()
            : CloudInitUserData.withPassword(l.userData(), l.access().passwordHash()),
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
    drives.remove(p.configDrive()); // with the staging directory a crash in its write left
    for (Path f : List.of(p.dir().resolve("system.qcow2.part"), p.consoleLog())) {
      LocalVolumes.deleteQuietly(f);
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
  public StopCause stopCause(String id) {
    StopCause cause = hv.stopCause(id);
    // libvirt only saw QEMU die; the kernel's log says whether the OOM killer did it (noticed
    // within seconds while the daemon runs; a daemon down longer finds a plain crash).
    return cause == StopCause.CRASHED && kernelLog.oomKilled(id, OOM_WINDOW) ? StopCause.OOM_KILLED : cause;
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
  public Optional<GuestMemory> memory(String id) {
    return hv.memory(id);
  }

  @Override
  public boolean kvm() {
    return hv.kvm();
  }

  @Override
  public HostResources resources() {
    return resources.get();
  }

  @Override
  public void attachNic(String instanceId, NicSpec nic) {
    hv.attachNic(instanceId, device(nic));
  }

  @Override
  public void detachNic(String instanceId, String mac) {
    hv.detachNic(instanceId, mac, DETACH_TIMEOUT);
  }

  private NicDevice device(NicSpec n) {
    return new NicDevice(n.nicId(), n.mac(), names.bridge(n.vSwitchId()), names.tap(n.nicId()), n.ip(), n.prefix(),
        n.gateway());
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
