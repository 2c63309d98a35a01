package io.ecsbox.bench;

import io.ecsbox.common.Ids;
import io.ecsbox.config.Settings;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.libvirt.Accel;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import io.ecsbox.host.qemuimg.QemuImg;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.ecsbox.host.files.FileTrees;

/**
 * The two sides of {@code bench density}, each leaving nothing behind: ecsbox through a
 * private daemon, and plain libvirt from the same domain XML, its NICs in a bridge of its own
 * (no uplink), once the memory of the ecsbox run came back.
 */
public final class DensityRuns {
  /** MemAvailable is settled when it grows less than this in a second. */
  private static final long SETTLED_MIB = 64;
  private final DensityBench bench;
  private final Duration waveTimeout;
  private final Duration settle;

  public DensityRuns(DensityBench bench, Duration waveTimeout, Duration settle) {
    this.bench = bench;
    this.waveTimeout = waveTimeout;
    this.settle = settle;
  }

  public DensityResult ecsbox(Path root, Path imageDir, String image, String type, Map<String, String> settings,
      int target, int wave) throws IOException, InterruptedException {
    try (PrivateDaemon d = PrivateDaemon.start(root, imageDir, image, settings);
        EcsboxFleet fleet = new EcsboxFleet((action, params) -> d.call(action, params), image, type)) {
      return bench.run(fleet, target, wave, waveTimeout, settle);
    }
  }

  public DensityResult plain(Path root, Path imageFile, int vcpus, long memoryMiB, String type, int workers,
      int count, int wave) throws IOException, InterruptedException {
    waitForMemory();
    CommandRunner runner = new CommandRunner();
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    Path dir = Files.createTempDirectory(root, "plain-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    String bridge = "pbr-" + Ids.random(8, "abcdefghijklmnopqrstuvwxyz0123456789");
    // Ctrl-C (a shutdown hook) and the normal end run the same cleanup, once.
    AtomicReference<PlainFleet> fleet = new AtomicReference<>();
    AtomicBoolean cleaned = new AtomicBoolean();
    Runnable cleanup = () -> {
      if (!cleaned.compareAndSet(false, true)) {
        return;
      }
      if (fleet.get() != null) {
        fleet.get().close();
      }
      // The taps went with their domains; the bridge may not exist if making it failed.
      runner.runAllowingFailure(List.of("ip", "link", "del", bridge), Duration.ofSeconds(30));
      try {
        FileTrees.delete(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    Thread hook = new Thread(cleanup, "bench-density-plain-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try (LibvirtHypervisor hv = new LibvirtHypervisor(Settings.DEFAULT_LIBVIRT_URI,
        Accel.decide(Settings.DEFAULT_LIBVIRT_URI))) {
      runner.run(List.of("ip", "link", "add", bridge, "type", "bridge"));
      runner.run(List.of("ip", "link", "set", bridge, "up"));
      PlainLibvirtLaunch libvirt = new PlainLibvirtLaunch(hv, new QemuImg(runner), new IsoConfigDrives(runner), dir,
          workers, io.ecsbox.host.DataDirCheck.qemuUser(Settings.DEFAULT_LIBVIRT_URI)
          .map(io.ecsbox.host.DataDirCheck.QemuUser::name)).isolatingPorts(runner);
      fleet.set(new PlainFleet(libvirt,
          new PlainLibvirtLaunch.Guest(imageFile, 20L << 30, vcpus, memoryMiB, type, bridge), workers));
      try {
        return bench.run(fleet.get(), count, wave, waveTimeout, settle);
      } finally {
        fleet.get().close(); // before the hypervisor connection closes
      }
    } finally {
      cleanup.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs (or ran) the cleanup
      }
    }
  }

  // The plain run starts on the memory the ecsbox run gave back (freed pages return lazily).
  private void waitForMemory() throws InterruptedException {
    HostMeter meter = HostMeter.local();
    long best = meter.memAvailableMiB();
    for (int i = 0; i < 60; i++) {
      Thread.sleep(1000);
      long now = meter.memAvailableMiB();
      if (now <= best + SETTLED_MIB) {
        return; // no longer growing
      }
      best = Math.max(best, now);
    }
  }
}
