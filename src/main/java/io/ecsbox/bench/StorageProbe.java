package io.ecsbox.bench;

import java.nio.file.Path;

/**
 * What the storage benchmark needs besides the API: the daemon store's file of a disk or
 * snapshot, and host access to those qcow2 files. Only for disks no running guest uses.
 */
public interface StorageProbe {
  /** The disk's active layer, as the store records it ({@code disks.file}), absolute. */
  Path diskFile(String diskId);

  /** The snapshot's frozen layer ({@code snapshots.file}), absolute. */
  Path snapshotFile(String snapshotId);

  /** The snapshot's status as the store has it now ({@code progressing}, ...), or null when gone. */
  String snapshotStatus(String snapshotId);

  /** Writes {@code length} bytes of {@code pattern} at {@code offset} into the disk whose active layer is {@code file}. */
  void write(Path file, long offset, long length, int pattern);

  /** The bytes the file takes on the host filesystem (qemu-img's actual size). */
  long actualBytes(Path file);

  /** A full copy: the content of the chain topped by {@code top} into a new qcow2 {@code dst}. */
  void copy(Path top, Path dst);

  /** Deletes a file; nothing when it is absent. */
  void delete(Path file);
}
