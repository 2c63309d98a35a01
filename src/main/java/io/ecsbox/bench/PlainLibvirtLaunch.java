package io.ecsbox.bench;

import io.ecsbox.common.GuestReady;
import io.ecsbox.common.Ids;
import io.ecsbox.host.ConsoleSockets;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.files.FileTrees;
import io.ecsbox.host.libvirt.DiskDevice;
import io.ecsbox.host.libvirt.DomainSpec;
import io.ecsbox.host.libvirt.Hypervisor;
import io.ecsbox.host.libvirt.InstancePaths;
import io.ecsbox.host.configdrive.ConfigDrives;
import io.ecsbox.host.qemuimg.DiskImages;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the same guests booted with plain libvirt — the same domain XML, overlays
 * and config drives, with the same worker count as the daemon — and no ecsbox API, store or
 * scheduler. Everything it makes lives in its own directory and is removed at the end.
 */
public final class PlainLibvirtLaunch {
  private final Hypervisor hv;
  private final DiskImages disks;
  private final ConfigDrives drives;
  private final Path dir;
  private final int workers;
  private final Optional<String> qemuUser;

  private volatile CommandRunner isolate;

  /** @param qemuUser the user QEMU runs as, who binds the console sockets; empty: root */
  public PlainLibvirtLaunch(Hypervisor hv, DiskImages disks, ConfigDrives drives, Path dir, int workers,
      Optional<String> qemuUser) {
    this.qemuUser = qemuUser;
    this.hv = hv;
    this.disks = disks;
    this.drives = drives;
    this.dir = dir;
    this.workers = workers;
  }

  public LaunchResult run(int count, Path image, long diskBytes, int vcpus, long memoryMiB, String type, double timeoutS)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      ids.add(Ids.next("i"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    Map<String, Double> ready = new LinkedHashMap<>();
    // Ctrl-C must not leave N guests running.
    Thread cleanup = new Thread(() -> ids.forEach(this::releaseOne), "bench-plain-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> started = new ArrayList<>();
      Guest guest = new Guest(image, diskBytes, vcpus, memoryMiB, type, null);
      for (String id : ids) {
        started.add(pool.submit(() -> {
          startOne(id, guest);
          return null;
        }));
      }
      while (ready.size() < count && seconds(t0) < timeoutS) {
        for (String id : ids) {
          if (!ready.containsKey(id) && hasReady(InstancePaths.of(dir, id).consoleLog(), id)) {
            ready.put(id, seconds(t0));
          }
        }
        Thread.sleep(BenchClock.POLL_MS);
      }
      for (Future<?> f : started) {
        f.get(); // surfaces a failed start
      }
      double allReady = ready.size() == count ? ready.values().stream().mapToDouble(d -> d).max().orElse(0)
          : Double.NaN;
      long t1 = System.nanoTime();
      release(pool, ids);
      return new LaunchResult("plain libvirt", count, Double.NaN, allReady, ready, seconds(t1), Map.of());
    } finally {
      release(pool, ids);
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  /**
   * What every plain guest is: booted from an overlay on {@code image}, with a NIC in
   * {@code bridge} (a bridge the caller made) when that is not null.
   */
  public record Guest(Path image, long diskBytes, int vcpus, long memoryMiB, String type, String bridge) {}

  /** Makes the guest's files, defines and starts its domain, as ecsbox would (same XML). */
  public void startOne(String id, Guest g) throws IOException {
    InstancePaths p = InstancePaths.of(dir, id);
    Files.createDirectories(p.dir());
    ConsoleSockets.prepare(p.consoleDir(), qemuUser);
    disks.createOverlay(g.image(), "qcow2", p.systemDisk(), g.diskBytes());
    drives.write(p.configDrive(), IsoConfigDrives.metaData(id, "bench"), new byte[0]);
    List<io.ecsbox.host.libvirt.NicDevice> nics = g.bridge() == null ? List.of()
        : List.of(new io.ecsbox.host.libvirt.NicDevice(id, mac(id), g.bridge(), "pbt" + id.substring(2, 14),
            null, 0, null));
    hv.define(new DomainSpec(id, g.vcpus(), g.memoryMiB(), hv.kvm(),
        List.of(new DiskDevice("vda", p.systemDisk(), id, null)), p.configDrive(), p.consoleLog(), id,
        g.type(), nics));
    hv.start(id);
    if (isolate != null && !nics.isEmpty()) {
      // Guests see only the bridge, not each other: without a DHCP server every guest's DHCP
      // broadcasts would wake every other guest, which under TCG saturates the host at ~70 guests.
      isolate.run(List.of("ip", "link", "set", "dev", nics.get(0).tap(), "type", "bridge_slave", "isolated", "on"));
    }
  }

  /** Makes each guest's NIC an isolated bridge port (see {@link #startOne}). */
  public PlainLibvirtLaunch isolatingPorts(CommandRunner runner) {
    this.isolate = runner;
    return this;
  }

  /** True once the guest printed its READY line on the console. */
  public boolean ready(String id) throws IOException {
    return hasReady(InstancePaths.of(dir, id).consoleLog(), id);
  }

  // A locally administered unicast MAC from the id (the same for the same id).
  private static String mac(String id) {
    int h = id.hashCode();
    return String.format("02:b0:%02x:%02x:%02x:%02x", (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff,
        h & 0xff);
  }

  private void release(ExecutorService pool, List<String> ids) throws Exception {
    List<Future<?>> gone = new ArrayList<>();
    for (String id : ids) {
      gone.add(pool.submit(() -> releaseOne(id)));
    }
    for (Future<?> f : gone) {
      f.get();
    }
  }

  /** Removes the guest's domain and files; idempotent. */
  public void releaseOne(String id) {
    hv.undefine(id);
    InstancePaths p = InstancePaths.of(dir, id);
    try {
      for (Path f : List.of(p.systemDisk(), p.configDrive(), p.consoleLog())) {
        Files.deleteIfExists(f);
      }
      FileTrees.delete(p.consoleDir());
      Files.deleteIfExists(p.dir());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static boolean hasReady(Path consoleLog, String id) throws IOException {
    if (!Files.exists(consoleLog)) {
      return false;
    }
    return GuestReady.isReady(new String(Files.readAllBytes(consoleLog), StandardCharsets.UTF_8), id);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
