package io.ecsbox.compute;

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
 */
public record DiskDevice(String target, Path file, String serial, IoTune ioTune) {
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
