package io.ecsbox.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * File helpers for image and drive files: a streaming SHA-256, a copy with progress, and
 * the "write {@code X.part}, fsync, rename onto {@code X}" step every writer here uses so
 * that a reader never sees a half-written file. They touch only the files they are given.
 */
public final class ImageFiles {
  private static final int BUFFER = 1 << 20;

  private ImageFiles() {}

  /** The lowercase hex SHA-256 of {@code file}, read in 1 MiB chunks. */
  public static String sha256(Path file) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The sibling {@code NAME.part} where {@code dst} is written before it is moved into place. */
  public static Path partOf(Path dst) {
    return dst.resolveSibling(dst.getFileName() + ".part");
  }

  /**
   * Copies {@code src} to {@code dst} through {@code dst.part}, reporting whole percents
   * (0..100, each at most once, increasing) to {@code percent}. Runs of zeros are skipped so
   * sparse raw images stay sparse. Fails if {@code dst} exists; on any failure the part
   * file is deleted and {@code dst} is untouched.
   */
  public static void copyWithProgress(Path src, Path dst, LongConsumer percent) {
    if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
      throw new UncheckedIOException(new FileAlreadyExistsException(dst.toString()));
    }
    Path part = partOf(dst);
    try {
      copyTo(src, part, percent);
      moveIntoPlace(part, dst);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new UncheckedIOException("cannot copy " + src + " to " + dst, e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(part);
      throw e;
    }
    percent.accept(100);
  }

  private static void copyTo(Path src, Path part, LongConsumer percent) throws IOException {
    byte[] buf = new byte[BUFFER];
    byte[] zeros = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(src);
        FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      long total = Files.size(src);
      long done = 0;
      long reported = 0;
      percent.accept(0);
      for (int n; (n = in.readNBytes(buf, 0, BUFFER)) > 0; done += n) {
        if (Arrays.equals(buf, 0, n, zeros, 0, n)) {
          out.position(out.position() + n); // leave a hole: the part file is new
        } else {
          ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
          while (bb.hasRemaining()) {
            out.write(bb);
          }
        }
        long pct = total == 0 ? 100 : Math.min(99, (done + n) * 100 / total);
        if (pct > reported && pct < 100) {
          percent.accept(pct);
          reported = pct;
        }
      }
      if (out.size() < out.position()) {
        out.write(ByteBuffer.wrap(new byte[1]), out.position() - 1); // a trailing hole needs a length
      }
      out.force(true);
    }
  }

  /**
   * Makes {@code part} durable and renames it onto {@code dst} in one step (replacing
   * {@code dst} if present), then syncs the directory. Both must be on one file system.
   */
  public static void moveIntoPlace(Path part, Path dst) throws IOException {
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.READ)) {
      ch.force(true);
    }
    Files.move(part, dst, StandardCopyOption.ATOMIC_MOVE);
    Path dir = dst.toAbsolutePath().getParent();
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true); // the rename itself survives a crash
    } catch (IOException e) {
      // some file systems refuse to open a directory; the rename still happened
    }
  }

  /** Deletes {@code file} if it exists, ignoring errors (cleanup on a failure path). */
  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: the original failure is what matters
    }
  }
}
