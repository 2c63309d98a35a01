package io.ecsbox.bench;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.storage.Disk;
import io.ecsbox.storage.Snapshot;
import io.ecsbox.host.qemuimg.QemuImg;
import io.ecsbox.storage.DiskStore;
import io.ecsbox.storage.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link StorageProbe} on this host: file names from the daemon's store, writes with
 * {@code qemu-io}, sizes and full copies with the project's {@code qemu-img} adapter.
 */
final class HostStorageProbe implements StorageProbe {
  private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(10);

  private final CommandRunner runner;
  private final QemuImg qemuImg;
  private final DiskStore disks;
  private final SnapshotStore snapshots;
  private final Path dataDir;

  HostStorageProbe(CommandRunner runner, DiskStore disks, SnapshotStore snapshots, Path dataDir) {
    this.runner = runner;
    this.qemuImg = new QemuImg(runner);
    this.disks = disks;
    this.snapshots = snapshots;
    this.dataDir = dataDir;
  }

  @Override
  public Path diskFile(String diskId) {
    return dataDir.resolve(disks.find(diskId).map(Disk::file)
        .orElseThrow(() -> new IllegalStateException("disk " + diskId + " is not in the store")));
  }

  @Override
  public Path snapshotFile(String snapshotId) {
    return dataDir.resolve(snapshots.find(snapshotId).map(Snapshot::file)
        .orElseThrow(() -> new IllegalStateException("snapshot " + snapshotId + " is not in the store")));
  }

  @Override
  public String snapshotStatus(String snapshotId) {
    return snapshots.find(snapshotId).map(Snapshot::status).orElse(null);
  }

  @Override
  public void write(Path file, long offset, long length, int pattern) {
    String out = runner.run(writeArgs(file, offset, length, pattern), WRITE_TIMEOUT).stdout();
    // some qemu-io versions exit 0 after a failed command: trust only its report
    if (!out.contains("wrote " + length + "/" + length + " bytes at offset " + offset)) {
      throw new IllegalStateException("qemu-io did not write " + length + " bytes at " + offset + " into " + file
          + ": " + out.strip());
    }
  }

  /** {@code qemu-io -f qcow2 -c 'write -P 0xNN OFFSET LENGTH' FILE}. */
  static List<String> writeArgs(Path file, long offset, long length, int pattern) {
    if (!file.isAbsolute() || offset < 0 || length <= 0 || pattern < 0 || pattern > 0xff) {
      throw new IllegalArgumentException("bad write: " + file + " " + offset + " " + length + " " + pattern);
    }
    return List.of("qemu-io", "-f", "qcow2", "-c",
        String.format("write -P 0x%02x %d %d", pattern, offset, length), file.toString());
  }

  @Override
  public long actualBytes(Path file) {
    return qemuImg.info(file, "qcow2").actualSizeBytes();
  }

  @Override
  public void copy(Path top, Path dst) {
    qemuImg.convertToQcow2(top, "qcow2", dst, percent -> { });
  }

  @Override
  public void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
