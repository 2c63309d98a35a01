package io.ecsbox.bench;

import io.ecsbox.common.Ids;
import io.ecsbox.config.Settings;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.libvirt.Accel;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import io.ecsbox.host.qemuimg.QemuImg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

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
    try (LibvirtHypervisor hv = new LibvirtHypervisor(Settings.DEFAULT_LIBVIRT_URI,
        Accel.decide(Settings.DEFAULT_LIBVIRT_URI))) {
      runner.run(List.of("ip", "link", "add", bridge, "type", "bridge"));
      runner.run(List.of("ip", "link", "set", bridge, "up"));
      PlainLibvirtLaunch libvirt = new PlainLibvirtLaunch(hv, new QemuImg(runner), new IsoConfigDrives(runner), dir,
          workers);
      try (PlainFleet fleet = new PlainFleet(libvirt,
          new PlainLibvirtLaunch.Guest(imageFile, 20L << 30, vcpus, memoryMiB, type, bridge), workers)) {
        return bench.run(fleet, count, wave, waveTimeout, settle);
      }
    } finally {
      // The taps went with their domains; the bridge may not exist if making it failed.
      runner.runAllowingFailure(List.of("ip", "link", "del", bridge), Duration.ofSeconds(30));
      PathUtils.deleteDirectory(dir);
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
