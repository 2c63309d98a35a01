package io.ecsbox.host.qemuimg;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.files.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * {@link DiskImages} on the {@code qemu-img} binary. Argument lists come from
 * {@link QemuImgArgs}; output is read by {@link QemuImgOutput}. Side effects: creates the
 * overlay / destination file named by the caller (and a {@code .part} beside a conversion
 * while it runs); never overwrites an existing file.
 *
 * <p>Errors: {@link io.ecsbox.host.exec.CommandException} when qemu-img fails,
 * {@link IllegalArgumentException} for a bad size or an unsafe source,
 * {@link UncheckedIOException} (with {@link FileAlreadyExistsException}) when the target exists.
 */
public final class QemuImg implements DiskImages {
  private static final Duration SHORT = Duration.ofSeconds(60);
  private final CommandRunner runner;
  private final Duration convertTimeout;

  public QemuImg(CommandRunner runner) {
    this(runner, Duration.ofHours(2));
  }

  /** @param convertTimeout how long one conversion may take before it is killed */
  public QemuImg(CommandRunner runner, Duration convertTimeout) {
    this.runner = runner;
    this.convertTimeout = convertTimeout;
  }

  @Override
  public void createOverlay(Path backing, String backingFormat, Path overlay, long sizeBytes) {
    Path base = backing.toAbsolutePath();
    Path top = overlay.toAbsolutePath();
    refuseExisting(top);
    Info b = info(base, backingFormat);
    if (sizeBytes < b.virtualSizeBytes()) {
      throw new IllegalArgumentException("overlay size " + sizeBytes + " is smaller than its backing "
          + base + " (" + b.virtualSizeBytes() + " bytes)");
    }
    List<String> argv = QemuImgArgs.createOverlay(base, backingFormat, top, sizeBytes);
    try {
      runner.run(argv, SHORT);
    } catch (RuntimeException e) {
      ImageFiles.deleteQuietly(top); // it did not exist before we ran
      throw e;
    }
  }

  @Override
  public Info info(Path file) {
    return info(file.toAbsolutePath(), null);
  }

  /** Like {@link #info(Path)} but opens the file as {@code format} instead of probing it. */
  public Info info(Path file, String format) {
    String json = runner.run(QemuImgArgs.info(file.toAbsolutePath(), format), SHORT).stdout();
    return QemuImgOutput.parseInfo(json);
  }

  /**
   * {@inheritDoc} A null or {@code "auto"} format is probed, and then a source that is not
   * self-contained (see {@link QemuImgOutput#parseSelfContained}) is refused; an explicit
   * format means the caller trusts the file and its chain. Percents arrive on the calling thread, increasing, ending at 100.
   */
  @Override
  public void convertToQcow2(Path src, String srcFormat, Path dst, LongConsumer progress) {
    Path from = src.toAbsolutePath();
    Path to = dst.toAbsolutePath();
    refuseExisting(to);
    String format = srcFormat == null || srcFormat.equals("auto") ? probe(from) : srcFormat;
    Path part = ImageFiles.partOf(to);
    long[] last = {-1};
    LongConsumer seen = p -> {
      last[0] = p;
      progress.accept(p);
    };
    try {
      ImageFiles.deleteQuietly(part); // a crashed earlier attempt may have left one
      runner.runStreaming(QemuImgArgs.convertToQcow2(from, format, part), convertTimeout,
          QemuImgOutput.progressReporter(seen));
      ImageFiles.moveIntoPlace(part, to);
    } catch (IOException e) {
      ImageFiles.deleteQuietly(part);
      throw new UncheckedIOException("cannot move " + part + " to " + to, e);
    } catch (RuntimeException | Error e) {
      ImageFiles.deleteQuietly(part);
      throw e;
    }
    if (last[0] < 100) {
      progress.accept(100);
    }
  }

  private String probe(Path src) {
    String json = runner.run(QemuImgArgs.info(src, null), SHORT).stdout();
    try {
      // an uploaded image naming a host file (backing, data file, extent) would copy it into ours
      return QemuImgOutput.parseSelfContained(json).format();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(src + ": " + e.getMessage()
          + " (give the format explicitly to convert a trusted chain)", e);
    }
  }

  private static void refuseExisting(Path p) {
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new UncheckedIOException(new FileAlreadyExistsException(p.toString()));
    }
  }

  @Override
  public void createEmpty(Path file, long sizeBytes) {
    Path f = file.toAbsolutePath();
    refuseExisting(f);
    created(f, () -> runner.run(QemuImgArgs.createEmpty(f, sizeBytes), SHORT));
  }

  @Override
  public void createOverlayUnsafe(Path backing, Path overlay, long sizeBytes) {
    Path f = overlay.toAbsolutePath();
    refuseExisting(f);
    created(f, () -> runner.run(QemuImgArgs.createOverlayUnsafe(backing.toAbsolutePath(), f, sizeBytes), SHORT));
  }

  @Override
  public void resize(Path file, long sizeBytes) {
    Path f = file.toAbsolutePath();
    if (info(f, "qcow2").virtualSizeBytes() < sizeBytes) {
      runner.run(QemuImgArgs.resize(f, sizeBytes), SHORT);
    }
  }

  /**
   * When the layer that leaves the chain (the file's backing, whose own backing is the new one)
   * holds no data, an unsafe rebase reads the same and takes milliseconds; a safe one reads the
   * whole virtual size (6 s for an empty 100 GiB disk here).
   */
  @Override
  public void rebase(Path file, Path newBacking, String backingFormat) {
    Path f = file.toAbsolutePath();
    Path to = newBacking == null ? null : newBacking.toAbsolutePath();
    if (dropsOnlyAnEmptyLayer(f, to)) {
      runner.run(QemuImgArgs.rebaseUnsafe(f, to), SHORT);
      return;
    }
    runner.run(QemuImgArgs.rebase(f, to, backingFormat), convertTimeout);
  }

  private boolean dropsOnlyAnEmptyLayer(Path file, Path newBacking) {
    String b = info(file, "qcow2").backingFile();
    if (b == null || b.isEmpty()) {
      return false;
    }
    Path old = file.resolveSibling(b).normalize();
    String ob = info(old, "qcow2").backingFile();
    Path oldsBacking = ob == null || ob.isEmpty() ? null : old.resolveSibling(ob).normalize();
    return java.util.Objects.equals(oldsBacking, newBacking == null ? null : newBacking.normalize())
        && !QemuImgOutput.holdsData(runner.run(QemuImgArgs.map(old), SHORT).stdout());
  }

  @Override
  public void rebaseUnsafe(Path file, Path newBacking) {
    runner.run(QemuImgArgs.rebaseUnsafe(file.toAbsolutePath(), newBacking.toAbsolutePath()), SHORT);
  }

  // Removes a file that a failed create may have left (it did not exist before).
  private static void created(Path f, Runnable create) {
    try {
      create.run();
    } catch (RuntimeException e) {
      ImageFiles.deleteQuietly(f);
      throw e;
    }
  }
}
