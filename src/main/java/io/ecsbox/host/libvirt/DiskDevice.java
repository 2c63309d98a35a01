package io.ecsbox.host.libvirt;

import io.ecsbox.agent.IoTune;
import java.nio.file.Path;

/**
 * One virtio disk of a domain.
 *
 * @param target the libvirt target name, {@code vda} for the system disk, then {@code vdb}..
 *     {@code vdq}; a hint only: the guest names disks in the order it finds them
 * @param file the active (top) qcow2 layer; its backing chain is read from the file
 * @param serial our disk id ({@code d-...}); the guest sees it as the disk's serial, and the
 *     hypervisor finds the disk of a running domain by it
 * @param ioTune the QEMU limits of the disk's category
 * @param sizeBytes the disk's virtual size, which sizes its qcow2 metadata cache (0: QEMU's
 *     default cache)
 */
public record DiskDevice(String target, Path file, String serial, IoTune ioTune, long sizeBytes) {
  /** QEMU's default qcow2 L2 cache covers 8 GiB; the cache of a bigger disk grows up to this. */
  public static final long MAX_METADATA_CACHE = 64L << 20;

  public DiskDevice(String target, Path file, String serial, IoTune ioTune) {
    this(target, file, serial, ioTune, 0);
  }

  /**
   * The qcow2 metadata cache that keeps every L2 table of the disk in memory (64 KiB clusters:
   * 8 bytes per cluster, plus a quarter for refcounts), between 1 MiB and
   * {@link #MAX_METADATA_CACHE}; 0 when the size is unknown.
   */
  public long metadataCacheBytes() {
    if (sizeBytes <= 0) {
      return 0;
    }
    long l2 = sizeBytes / 8192;
    return Math.max(1L << 20, Math.min(MAX_METADATA_CACHE, l2 + l2 / 4));
  }

  public DiskDevice {
    if (target == null || !target.matches("vd[a-z]")) {
      throw new IllegalArgumentException("not a virtio disk target: " + target);
    }
    if (serial == null || !serial.matches("[a-z]{1,3}-[A-Za-z0-9-]{1,62}")) {
      throw new IllegalArgumentException("not one of our ids: " + serial);
    }
    if (file == null || !file.isAbsolute()) {
      throw new IllegalArgumentException("disk file must be an absolute path: " + file);
    }
    if (ioTune == null) {
      ioTune = IoTune.UNLIMITED;
    }
  }
}
