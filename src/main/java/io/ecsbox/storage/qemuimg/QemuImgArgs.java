package io.ecsbox.storage.qemuimg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pure builders of qemu-img argument lists ("render, then apply"). Paths must be absolute:
 * then none can pass for an option or a {@code proto:} file name. Formats are checked to be
 * plain qemu driver names.
 */
public final class QemuImgArgs {
  public static final String QEMU_IMG = "qemu-img";
  private static final Pattern FORMAT = Pattern.compile("[a-z0-9]{1,16}");

  private QemuImgArgs() {}

  /** {@code qemu-img create -f qcow2 -F FMT -b BACKING OVERLAY BYTES}. */
  public static List<String> createOverlay(Path backing, String backingFormat, Path overlay,
      long sizeBytes) {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("size must be positive: " + sizeBytes);
    }
    return List.of(QEMU_IMG, "create", "-f", "qcow2", "-F", format(backingFormat),
        "-b", absolute(backing), absolute(overlay), Long.toString(sizeBytes));
  }

  /**
   * {@code qemu-img info --output=json -U [-f FMT] FILE}; {@code -U} (force-share) lets it
   * read a disk a running VM holds locked. A null format lets qemu-img probe.
   */
  public static List<String> info(Path file, String formatOrNull) {
    List<String> argv = new ArrayList<>(List.of(QEMU_IMG, "info", "--output=json", "-U"));
    if (formatOrNull != null) {
      argv.add("-f");
      argv.add(format(formatOrNull));
    }
    argv.add(absolute(file));
    return List.copyOf(argv);
  }

  /** {@code qemu-img convert -p -f FMT -O qcow2 SRC OUT}; {@code -p} prints progress to stdout. */
  public static List<String> convertToQcow2(Path src, String srcFormat, Path out) {
    return List.of(QEMU_IMG, "convert", "-p", "-f", format(srcFormat), "-O", "qcow2",
        absolute(src), absolute(out));
  }

  /** Returns {@code fmt} if it is a plain driver name (qcow2, raw, vmdk, vhdx, vpc...). */
  static String format(String fmt) {
    if (fmt == null || !FORMAT.matcher(fmt).matches()) {
      throw new IllegalArgumentException("not a qemu-img format name: " + fmt);
    }
    return fmt;
  }

  private static String absolute(Path p) {
    if (!p.isAbsolute()) {
      throw new IllegalArgumentException("qemu-img paths must be absolute: " + p);
    }
    return p.toString();
  }
}
