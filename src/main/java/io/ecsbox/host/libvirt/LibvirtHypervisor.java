package io.ecsbox.host.libvirt;

import io.ecsbox.agent.GuestMemory;
import io.ecsbox.agent.PowerState;
import io.ecsbox.agent.StopCause;
import io.ecsbox.host.libvirt.DomainHandles.Ownership;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Hypervisor} on libvirt. Safe to call from many threads; holds one connection that
 * it reopens once when libvirtd restarted. Only domains whose XML carries our metadata
 * mark ({@link DomainXml#ownedInstanceId}) and whose name is that id are seen or touched:
 * any other domain behaves as absent, and {@link #define} refuses to overwrite one.
 * Starting or rebooting an absent domain throws {@link HypervisorException}; stopping,
 * destroying or undefining one does nothing. Every libvirt handle is freed after use.
 * Disk operations ({@link LibvirtDisks}) need a running domain, except attach, detach and
 * {@link #diskFiles}; on a stopped one they throw with code {@code VIR_ERR_OPERATION_INVALID},
 * for an unknown serial with {@code VIR_ERR_INVALID_ARG}.
 */
public final class LibvirtHypervisor implements Hypervisor {
  private static final Logger log = LoggerFactory.getLogger(LibvirtHypervisor.class);
  // VIR_DOMAIN_UNDEFINE_NVRAM, missing from libvirt-java 0.5.3's UndefineFlags.
  private static final int UNDEFINE_NVRAM = 4;
  // VIR_DOMAIN_DEVICE_MODIFY_FORCE: a cdrom's media is changed even when the guest locked its tray.
  private static final int MODIFY_FORCE = 4;

  // libvirtd serves at most 5 calls at once per connection (max_client_requests), so a few
  // connections let parallel starts and releases through; test:/// keeps state per connection.
  private static final int CONNECTIONS = 4;
  // Pulling or committing a large layer on a busy host takes minutes; this bounds one wait.
  private static final Duration BLOCK_JOB_TIMEOUT = Duration.ofHours(1);

  private final LibvirtSession[] sessions;
  private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
  private final boolean kvm;
  private final LibvirtDisks disks = new LibvirtDisks(this, BLOCK_JOB_TIMEOUT);
  private final LibvirtNics nics = new LibvirtNics(this);

  /**
   * Connects to libvirt at once.
   *
   * @param uri {@code qemu:///system} in production, {@code test:///default} in tests
   * @param kvm whether this host runs domains under KVM; see {@link #detectKvm(String)}
   * @throws HypervisorException when libvirt cannot be reached
   */
  public LibvirtHypervisor(String uri, boolean kvm) {
    this.sessions = new LibvirtSession[uri.startsWith("test:") ? 1 : CONNECTIONS];
    for (int i = 0; i < sessions.length; i++) {
      sessions[i] = new LibvirtSession(uri);
    }
    this.kvm = kvm;
    log.info("libvirt at {}: domains run under {}", uri, kvm ? "KVM" : "TCG (software emulation)");
  }

  /** True when /dev/kvm is usable and libvirt at {@code uri} offers kvm for x86_64. */
  public static boolean detectKvm(String uri) {
    return KvmDetector.detect(uri, Path.of("/dev/kvm"));
  }

  /** {@link #detectKvm(String)} for {@code qemu:///system}. */
  public static boolean detectKvm() {
    return detectKvm("qemu:///system");
  }

  @Override
  public boolean kvm() {
    return kvm;
  }

  @Override
  public void define(DomainSpec spec) {
    if (spec.kvm() && !kvm) {
      throw new HypervisorException("cannot define " + spec.instanceId()
          + " as a KVM domain: this host runs domains under TCG");
    }
    String id = spec.instanceId();
    String rendered = DomainXml.render(spec);
    session().call("define " + id, c -> {
      String xml = rendered;
      Optional<Domain> existing = DomainHandles.lookup(c, id);
      if (existing.isPresent()) {
        try {
          if (!DomainHandles.ours(id, existing.get().getXMLDesc(0))) {
            throw new HypervisorException("cannot define " + id
                + ": a domain of that name exists and is not ecsbox's");
          }
          xml = DomainXml.withUuid(rendered, existing.get().getUUIDString());
        } finally {
          DomainHandles.free(existing.get());
        }
      }
      long t0 = System.nanoTime();
      DomainHandles.free(c.domainDefineXML(xml));
      log.debug("defined {} in {} ms", id, (System.nanoTime() - t0) / 1_000_000);
      return null;
    });
  }

  @Override
  public void start(String instanceId) {
    onDomain("start", instanceId, () -> { throw missing("start", instanceId); }, (d, xml) -> {
      if (d.isActive() == 1) {
        return null;
      }
      long t0 = System.nanoTime();
      try {
        d.create();
      } catch (LibvirtException e) {
        if (!LibvirtErrors.isAlreadyRunning(e)) {
          throw e;
        }
      }
      log.debug("started {} in {} ms", instanceId, (System.nanoTime() - t0) / 1_000_000);
      return null;
    });
  }

  @Override
  public void shutdown(String instanceId) {
    onDomain("shutdown", instanceId, () -> null, (d, xml) -> {
      if (d.isActive() == 1) {
        try {
          d.shutdown();
        } catch (LibvirtException e) {
          if (!LibvirtErrors.isNotRunning(e)) {
            throw e;
          }
        }
      }
      return null;
    });
  }

  @Override
  public void reboot(String instanceId) {
    onDomain("reboot", instanceId, () -> { throw missing("reboot", instanceId); }, (d, xml) -> {
      d.reboot(0);
      return null;
    });
  }

  @Override
  public Optional<Path> configDrive(String instanceId) {
    return onDomain("reading XML of", instanceId, Optional::empty, (d, xml) -> DomainXml.configDrive(xml));
  }

  @Override
  public void changeConfigDrive(String instanceId, Path iso) {
    Path file = absolute(iso);
    String fragment = DomainXml.configDriveXml(file, 0);
    onDomain("changing the config drive of", instanceId, () -> { throw missing("changing the config drive of",
        instanceId); }, (d, xml) -> {
      // A cdrom's update is a media change: QEMU opens the new file and swaps it in. The guest
      // keeps its drive mounted, which locks the tray: the change is forced.
      if (d.isActive() == 1 && !DomainXml.configDrive(xml).equals(Optional.of(file))) {
        d.updateDeviceFlags(fragment, LibvirtDisks.AFFECT_LIVE | MODIFY_FORCE);
      }
      String inactive = d.isActive() == 1 ? d.getXMLDesc(LibvirtDisks.XML_INACTIVE) : xml;
      if (!DomainXml.configDrive(inactive).equals(Optional.of(file))) {
        d.updateDeviceFlags(fragment, LibvirtDisks.AFFECT_CONFIG);
      }
      return null;
    });
  }

  @Override
  public void destroy(String instanceId) {
    onDomain("destroy", instanceId, () -> null, (d, xml) -> {
      destroyIfActive(d);
      return null;
    });
  }

  @Override
  public void undefine(String instanceId) {
    onDomain("undefine", instanceId, () -> null, (d, xml) -> {
      destroyIfActive(d);
      int flags = Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA;
      // Only ask for NVRAM removal when there is one: some drivers reject the flag.
      d.undefine(xml.contains("<nvram") ? flags | UNDEFINE_NVRAM : flags);
      return null;
    });
  }

  @Override
  public PowerState state(String instanceId) {
    return onDomain("state of", instanceId, () -> PowerState.ABSENT, (d, xml) -> {
      if (d.isActive() != 1) {
        return PowerState.SHUTOFF;
      }
      try {
        return toPowerState(d.getInfo().state);
      } catch (ArrayIndexOutOfBoundsException e) {
        return PowerState.OTHER; // a state newer than libvirt-java 0.5.3 knows (pmsuspended)
      }
    });
  }

  @Override
  public Optional<GuestMemory> memory(String instanceId) {
    return onDomain("memory statistics of", instanceId, Optional::empty, (d, xml) -> {
      if (d.isActive() != 1) {
        return Optional.empty();
      }
      return Optional.of(toGuestMemory(d.memoryStats(MEMORY_STAT_NR)));
    });
  }

  // virDomainMemoryStatTags: how many there are, and the ones read.
  private static final int MEMORY_STAT_NR = 13;
  private static final int STAT_UNUSED = 4;
  private static final int STAT_AVAILABLE = 5;
  private static final int STAT_ACTUAL = 6;
  private static final int STAT_RSS = 7;
  private static final int STAT_USABLE = 8;
  private static final int STAT_LAST_UPDATE = 9;
  private static final int STAT_DISK_CACHES = 10;

  /** libvirt's memory statistics (tag, value in KiB; the last update in seconds since the epoch). */
  static GuestMemory toGuestMemory(MemoryStatistic[] stats) {
    long[] v = new long[MEMORY_STAT_NR];
    Arrays.fill(v, -1);
    for (MemoryStatistic s : stats) {
      if (s.getTag() >= 0 && s.getTag() < MEMORY_STAT_NR) {
        v[s.getTag()] = s.getValue();
      }
    }
    return new GuestMemory(v[STAT_ACTUAL], v[STAT_AVAILABLE], v[STAT_UNUSED], v[STAT_USABLE], v[STAT_DISK_CACHES],
        v[STAT_RSS], v[STAT_LAST_UPDATE] > 0 ? Instant.ofEpochSecond(v[STAT_LAST_UPDATE]) : null);
  }

  @Override
  public StopCause stopCause(String instanceId) {
    return onDomain("state reason of", instanceId, () -> StopCause.GONE,
        (d, xml) -> {
          int[] s = NativeLibvirt.state(d);
          return toStopCause(s[0], s[1]);
        });
  }

  /** libvirt's {@code virDomainState} and its reason ({@code virDomainShutoffReason} when shut off). */
  static StopCause toStopCause(int state, int reason) {
    if (state == NativeLibvirt.STATE_CRASHED) {
      return reason == 1 ? StopCause.PANICKED : StopCause.CRASHED;
    }
    if (state != NativeLibvirt.STATE_SHUTOFF) {
      return StopCause.NONE;
    }
    return switch (reason) {
      case 1 -> StopCause.GUEST_SHUTDOWN;
      case 2 -> StopCause.DESTROYED;
      case 3 -> StopCause.CRASHED;
      default -> StopCause.UNKNOWN; // unknown, migrated, saved, failed, from snapshot, daemon
    };
  }

  @Override
  public List<String> ownedDomains() {
    return session().call("listing domains", c -> {
      List<String> owned = new ArrayList<>();
      for (String name : DomainHandles.allNames(c)) {
        // Only names that could be our ids need their XML read.
        if (name.startsWith("i-") && DomainHandles.ownership(c, name) == Ownership.OURS) {
          owned.add(name);
        }
      }
      return List.copyOf(owned);
    });
  }

  @Override
  public java.util.Optional<java.nio.file.Path> systemDisk(String instanceId) {
    return onDomain("reading XML of", instanceId, java.util.Optional::empty,
        (d, xml) -> DomainXml.systemDisk(xml));
  }

  @Override
  public void attachDisk(String instanceId, DiskDevice disk) {
    disks.attach(instanceId, disk);
  }

  @Override
  public void detachDisk(String instanceId, String serial, Duration timeout) {
    disks.detach(instanceId, serial, timeout);
  }

  @Override
  public void setVncPassword(String instanceId, Path vncSocket, String password) {
    String graphics = DomainXml.graphicsXml(vncSocket, password);
    onDomain("setting the VNC password of", instanceId, () -> null, (d, xml) -> {
      d.updateDeviceFlags(graphics, LibvirtDisks.AFFECT_CONFIG);
      if (d.isActive() == 1) {
        try {
          d.updateDeviceFlags(graphics, LibvirtDisks.AFFECT_LIVE);
        } catch (org.libvirt.LibvirtException e) {
          // QEMU cannot add password authentication to a VNC server started without: next start
          log.info("{}: the VNC password applies from the next start ({})", instanceId, e.getMessage());
        }
      }
      return null;
    });
  }

  @Override
  public void attachNic(String instanceId, io.ecsbox.host.libvirt.NicDevice nic) {
    nics.attach(instanceId, nic);
  }

  @Override
  public void detachNic(String instanceId, String mac, Duration timeout) {
    nics.detach(instanceId, mac, timeout);
  }

  @Override
  public Map<String, Path> diskFiles(String instanceId) {
    return disks.files(instanceId);
  }

  @Override
  public void snapshotDisk(String instanceId, String serial, Path newTop) {
    disks.snapshot(instanceId, serial, absolute(newTop));
  }

  @Override
  public void resizeDisk(String instanceId, String serial, long bytes) {
    disks.resize(instanceId, serial, bytes);
  }

  @Override
  public void pullDisk(String instanceId, String serial, Path base) {
    disks.pull(instanceId, serial, base == null ? null : absolute(base));
  }

  @Override
  public void commitDisk(String instanceId, String serial, Path top, Path base) {
    disks.commit(instanceId, serial, absolute(top), absolute(base));
  }

  // libvirt reports paths exactly as they were given; compare them in one normal form.
  private static Path absolute(Path p) {
    if (!p.isAbsolute()) {
      throw new IllegalArgumentException("disk file must be an absolute path: " + p);
    }
    return p.normalize();
  }

  /** The domain's current XML, for diagnostics; throws when it is absent or not ours. */
  public String domainXml(String instanceId) {
    return onDomain("reading XML of", instanceId,
        () -> { throw missing("reading XML of", instanceId); }, (d, xml) -> xml);
  }

  @Override
  public void close() {
    for (LibvirtSession s : sessions) {
      s.close();
    }
  }

  /** Closes the live connections as a libvirtd restart would; for tests. */
  void dropConnectionForTest() {
    for (LibvirtSession s : sessions) {
      s.dropForTest();
    }
  }

  private LibvirtSession session() {
    return sessions[Math.floorMod(next.getAndIncrement(), sessions.length)];
  }

  static PowerState toPowerState(DomainState s) {
    return switch (s) {
      case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.RUNNING;
      case VIR_DOMAIN_PAUSED -> PowerState.PAUSED;
      case VIR_DOMAIN_SHUTOFF -> PowerState.SHUTOFF;
      default -> PowerState.OTHER;
    };
  }

  /** Work on one owned domain, given its handle and current XML. */
  @FunctionalInterface
  interface DomainCall<T> {
    T apply(Domain d, String xml) throws LibvirtException;
  }

  /** Absent-domain outcome: a value, or a thrown HypervisorException. */
  @FunctionalInterface
  interface Absent<T> {
    T get();
  }

  <T> T onDomain(String what, String id, Absent<T> absent, DomainCall<T> call) {
    return session().call(what + " " + id, c -> {
      Optional<Domain> found = DomainHandles.lookup(c, id);
      if (found.isEmpty()) {
        return absent.get();
      }
      Domain d = found.get();
      try {
        String xml = d.getXMLDesc(0);
        // Foreign domains are invisible: act as if absent.
        return DomainHandles.ours(id, xml) ? call.apply(d, xml) : absent.get();
      } catch (LibvirtException e) {
        if (LibvirtErrors.isNoDomain(e)) {
          return absent.get(); // undefined by someone else meanwhile
        }
        throw e;
      } finally {
        DomainHandles.free(d);
      }
    });
  }

  private static void destroyIfActive(Domain d) throws LibvirtException {
    if (d.isActive() == 1) {
      try {
        d.destroy();
      } catch (LibvirtException e) {
        if (!LibvirtErrors.isNotRunning(e)) {
          throw e;
        }
      }
    }
  }

  static HypervisorException missing(String what, String id) {
    return new HypervisorException(what + " " + id + " failed: no ecsbox domain of that name",
        "VIR_ERR_NO_DOMAIN", null);
  }
}
