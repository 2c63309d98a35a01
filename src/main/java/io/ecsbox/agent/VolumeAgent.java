package io.ecsbox.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The disk layers of one host: qcow2 files and the disks of its guests. Paths are relative to
 * the host's data directory, in and out. Every call is synchronous and idempotent.
 */
public interface VolumeAgent {
  /** Creates the volume's file if absent and grows it to its size; idempotent. */
  void ensureVolume(Volume v);

  /** True when the layer file exists. */
  boolean volumeExists(Path file);

  /** Deletes a disk layer file; nothing when absent. */
  void deleteVolume(Path file);

  /** Attaches the disk to the instance's domain, hot-plugging it when the guest runs. */
  void attachDisk(String instanceId, Volume v);

  /** Detaches the disk from the instance's domain, hot-unplugging it when the guest runs. */
  void detachDisk(String instanceId, String diskId);

  /**
   * Freezes the disk's active layer {@code top}: creates {@code newTop} on it and makes
   * {@code newTop} the disk's active layer (live when {@code runningInstanceId} is non-null).
   */
  void snapshotDisk(String runningInstanceId, String diskId, Path top, Path newTop, long sizeBytes);

  /** Grows the disk: live through the hypervisor when the instance runs, else its file. */
  void resizeDisk(String runningInstanceId, String diskId, Path top, long sizeBytes);

  /** Offline: makes {@code newBacking} (null: none) the backing of {@code file}, content unchanged. */
  void rebaseVolume(Path file, Path newBacking);

  /** Live: pulls the layers above {@code base} into the running disk's active layer. */
  void pullDisk(String instanceId, String diskId, Path base);

  /** Live: commits an inactive layer {@code top} of a running disk's chain into its backing {@code base}. */
  void commitDisk(String instanceId, String diskId, Path top, Path base);

  /**
   * Offline: makes {@code flat}, a new layer on {@code root} (null: none) that reads exactly as
   * the chain ending in {@code from}, holding only the data written above {@code root}; then
   * points {@code top} (whose backing is {@code from}) at it. Idempotent.
   */
  void flattenUnder(Path top, Path from, Path root, Path flat, long sizeBytes);

  /** The backing file the qcow2 header of {@code file} names (read without locking it). */
  Optional<Path> backingOf(Path file);

  /** The active layer file of each disk of the instance's domain, by disk id. */
  Map<String, Path> diskFiles(String instanceId);

  /** Every layer file in this host's volume directory, and the .part files of unfinished ones. */
  List<Path> volumeFiles();
}
