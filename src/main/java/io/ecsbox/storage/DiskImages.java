package io.ecsbox.storage;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/** The narrow port to qemu-img: what storage needs to make and inspect disk files. */
public interface DiskImages {
  /** What qemu-img says of a file. */
  record Info(String format, long virtualSizeBytes, long actualSizeBytes, String backingFile) {}

  /**
   * Creates a qcow2 overlay at {@code overlay} whose backing file is {@code backing}
   * (format {@code backingFormat}), with virtual size {@code sizeBytes} (at least the
   * backing file's). Fails if {@code overlay} exists.
   */
  void createOverlay(Path backing, String backingFormat, Path overlay, long sizeBytes);

  Info info(Path file);

  /**
   * Converts {@code src} to a qcow2 at {@code dst}, reporting progress in percent (0-100) to
   * {@code progress}. On failure nothing is left at {@code dst}.
   */
  void convertToQcow2(Path src, String srcFormat, Path dst, LongConsumer progress);
}
