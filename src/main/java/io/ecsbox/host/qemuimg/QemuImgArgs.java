package io.ecsbox.host.qemuimg;

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

  /** {@code qemu-img create -f qcow2 [-o cluster_size] FILE BYTES}: an empty thin disk. */
  public static List<String> createEmpty(Path file, long sizeBytes) {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("size must be positive: " + sizeBytes);
    }
    return List.of(QEMU_IMG, "create", "-q", "-f", "qcow2", absolute(file), Long.toString(sizeBytes));
  }

  /**
   * {@code qemu-img create -u -f qcow2 -F qcow2 -b BACKING OVERLAY BYTES}: {@code -u} does not
   * open the backing file, which a running VM may hold locked.
   */
  public static List<String> createOverlayUnsafe(Path backing, Path overlay, long sizeBytes) {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("size must be positive: " + sizeBytes);
    }
    return List.of(QEMU_IMG, "create", "-q", "-u", "-f", "qcow2", "-F", "qcow2", "-b", absolute(backing),
        absolute(overlay), Long.toString(sizeBytes));
  }

  /** {@code qemu-img resize -f qcow2 FILE BYTES} (grow only: no --shrink). */
  public static List<String> resize(Path file, long sizeBytes) {
    return List.of(QEMU_IMG, "resize", "-q", "-f", "qcow2", absolute(file), Long.toString(sizeBytes));
  }

  /**
   * Safe {@code qemu-img rebase -f qcow2 [-F FMT] -b NEW FILE}: copies into FILE every cluster
   * that reads differently through the new backing, so FILE's content stays the same. A null
   * backing ({@code -b ""}) makes FILE self-contained.
   */
  public static List<String> rebase(Path file, Path newBackingOrNull, String backingFormat) {
    List<String> argv = new ArrayList<>(List.of(QEMU_IMG, "rebase", "-q", "-f", "qcow2"));
    if (newBackingOrNull == null) {
      argv.addAll(List.of("-b", ""));
    } else {
      argv.addAll(List.of("-F", format(backingFormat), "-b", absolute(newBackingOrNull)));
    }
    argv.add(absolute(file));
    return List.copyOf(argv);
  }

  /**
   * Unsafe {@code qemu-img rebase -u -f qcow2 -F qcow2 -b NEW FILE}: only rewrites the backing
   * file name; for a new backing that reads exactly as the old one. A null backing
   * ({@code -b ""}) leaves FILE without one.
   */
  public static List<String> rebaseUnsafe(Path file, Path newBacking) {
    if (newBacking == null) {
      return List.of(QEMU_IMG, "rebase", "-q", "-u", "-f", "qcow2", "-b", "", absolute(file));
    }
    return List.of(QEMU_IMG, "rebase", "-q", "-u", "-f", "qcow2", "-F", "qcow2", "-b", absolute(newBacking),
        absolute(file));
  }

  /**
   * {@code qemu-img map --output=json -U -f qcow2 FILE}: where the file and its backing chain
   * hold data ({@code -U}: also while a running VM holds the chain).
   */
  public static List<String> map(Path file) {
    return List.of(QEMU_IMG, "map", "--output=json", "-U", "-f", "qcow2", absolute(file));
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
