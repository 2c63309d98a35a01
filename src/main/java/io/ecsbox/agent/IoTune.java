package io.ecsbox.agent;

/**
 * QEMU I/O limits of one disk, rendered as libvirt {@code <iotune>}: total IOPS and total
 * bytes per second (reads plus writes). Zero means unlimited.
 */
public record IoTune(long totalIopsSec, long totalBytesSec) {
  public IoTune {
    if (totalIopsSec < 0 || totalBytesSec < 0) {
      throw new IllegalArgumentException("negative I/O limit");
    }
  }

  public static final IoTune UNLIMITED = new IoTune(0, 0);
}
