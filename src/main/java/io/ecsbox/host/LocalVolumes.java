package io.ecsbox.host;

import io.ecsbox.agent.Volume;
import io.ecsbox.agent.VolumeAgent;
import io.ecsbox.host.libvirt.DiskDevice;
import io.ecsbox.host.libvirt.Hypervisor;
import io.ecsbox.host.qemuimg.DiskImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk layers of this host: qcow2 files under the data dir (made through {@code .part}
 * files, so a crash leaves a whole file or none) and the disks of its domains (hot-plug, live
 * snapshots and block jobs through libvirt). Paths it is given are relative to the data dir
 * (absolute ones stay as they are); paths it returns are relative when inside it.
 */
public final class LocalVolumes implements VolumeAgent {
  private static final Logger log = LoggerFactory.getLogger(LocalVolumes.class);
  private static final Duration DETACH_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Hypervisor hv;
  private final DiskImages disks;

  public LocalVolumes(Path dataDir, Hypervisor hv, DiskImages disks) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.hv = hv;
    this.disks = disks;
  }


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

  /** The disk as the domain defines it: the volume's file on this host. */
  DiskDevice device(Volume v) {
    return new DiskDevice(v.target(), abs(v.file()), v.diskId(), v.ioTune(), v.sizeBytes());
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

  static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", f, e.getMessage());
    }
  }
}
