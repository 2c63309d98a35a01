package io.ecsbox.host.qemuimg;

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

  /** Creates an empty thin qcow2 of {@code sizeBytes}. Fails if {@code file} exists. */
  void createEmpty(Path file, long sizeBytes);

  /**
   * Creates a qcow2 overlay on {@code backing} (a qcow2) without opening it, so it works while
   * a running VM holds the backing file. Fails if {@code overlay} exists.
   */
  void createOverlayUnsafe(Path backing, Path overlay, long sizeBytes);

  /** Grows the qcow2's virtual size to {@code sizeBytes}; never shrinks. */
  void resize(Path file, long sizeBytes);

  /**
   * Makes {@code newBacking} (null: none) the backing file of {@code file}, first copying into
   * it whatever would read differently, so its content does not change. Interrupted, it leaves
   * {@code file} with its old backing and the same content; running it again finishes it.
   */
  void rebase(Path file, Path newBacking, String backingFormat);

  /** Points {@code file} at {@code newBacking}, which must read exactly as its old backing. */
  void rebaseUnsafe(Path file, Path newBacking);
}
