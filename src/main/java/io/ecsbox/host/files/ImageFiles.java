package io.ecsbox.host.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File helpers for image and drive files: streaming digests and {@link Checksum}s, a copy and
 * an HTTP(S) download with progress, and the "write {@code X.part}, fsync, rename onto
 * {@code X}" step every writer here uses so that a reader never sees a half-written file.
 * They touch only the files (and URLs) they are given.
 */
public final class ImageFiles {
  private static final int BUFFER = 1 << 20;

  private ImageFiles() {}

  /** The lowercase hex SHA-256 of {@code file}, read in 1 MiB chunks. */
  public static String sha256(Path file) {
    return digest(file, "SHA-256");
  }

  /** The lowercase hex digest of {@code file} with a JRE algorithm ("SHA-256", "SHA-512"). */
  public static String digest(Path file, String algorithm) {
    MessageDigest md = messageDigest(algorithm);
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

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has " + algorithm, e);
    }
  }

  // ---- downloads

  /**
   * Limits on one download: the largest body accepted, how long connecting may take, how long
   * the server may stay silent (before the headers or between bytes), and the whole transfer.
   */
  public record DownloadLimits(long maxBytes, Duration connectTimeout, Duration idleTimeout, Duration totalTimeout) {
    public static final DownloadLimits DEFAULT =
        new DownloadLimits(64L << 30, Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofHours(12));
  }

  private static final ScheduledExecutorService WATCHDOGS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "download-watchdog");
    t.setDaemon(true);
    return t;
  });

  /** An HTTP client for {@link #download}: follows redirects, but never from https to http. */
  public static HttpClient httpClient(DownloadLimits limits) {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(limits.connectTimeout()).build();
  }

  /**
   * Downloads {@code url} to {@code dst} through {@code dst.part}, reporting whole percents
   * (0..100, increasing; only 0 and 100 without a Content-Length) and returning the body's
   * hex digest with {@code digestAlgorithm} (null: no digest, returns null). Fails with an
   * IOException, leaving neither file, on a status other than 200, a body larger than
   * {@code limits.maxBytes()} or the free space, a short body, or silence for
   * {@code limits.idleTimeout()}. Fails if {@code dst} exists.
   */
  public static String download(HttpClient http, URI url, Path dst, DownloadLimits limits, String digestAlgorithm,
      LongConsumer percent) throws IOException {
    if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(dst.toString());
    }
    Path part = partOf(dst);
    MessageDigest md = digestAlgorithm == null ? null : messageDigest(digestAlgorithm);
    try {
      HttpResponse<InputStream> r = send(http, url, limits);
      try (InputStream in = r.body()) {
        if (r.statusCode() != 200) {
          throw new IOException("HTTP " + r.statusCode() + " from " + url);
        }
        long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (total > limits.maxBytes()) {
          throw new IOException(url + " is " + total + " bytes, more than the limit of " + limits.maxBytes());
        }
        Path dir = dst.toAbsolutePath().getParent();
        if (total > 0 && total > Files.getFileStore(dir).getUsableSpace()) {
          throw new IOException(url + " is " + total + " bytes, more than the free space in " + dir);
        }
        copyBody(url, in, part, total, limits, md, percent);
      }
      moveIntoPlace(part, dst);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(part);
      throw e;
    }
    percent.accept(100);
    return md == null ? null : HexFormat.of().formatHex(md.digest());
  }

  /** The body of a small text document (at most {@code maxBytes}), such as a SHA256SUMS list. */
  public static String fetchText(HttpClient http, URI url, DownloadLimits limits, int maxBytes) throws IOException {
    HttpResponse<InputStream> r = send(http, url, limits);
    try (InputStream in = r.body(); Watchdog w = new Watchdog(in, limits.idleTimeout())) {
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode() + " from " + url);
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = w.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        if (out.size() > maxBytes) {
          throw new IOException(url + " is larger than " + maxBytes + " bytes");
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  // The request timeout bounds the whole exchange, body included; the headers get idleTimeout.
  private static HttpResponse<InputStream> send(HttpClient http, URI url, DownloadLimits limits) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(url).timeout(limits.totalTimeout()).GET().build();
    CompletableFuture<HttpResponse<InputStream>> answer = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
    try {
      return answer.get(limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      answer.thenAccept(r -> closeQuietly(r.body())); // should it still come
      throw new IOException("no answer from " + url + " within " + limits.idleTimeout().toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException("cannot fetch " + url + ": " + (cause.getMessage() == null ? cause : cause.getMessage()),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while fetching " + url);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing was read from it
    }
  }

  private static void copyBody(URI url, InputStream in, Path part, long total, DownloadLimits limits, MessageDigest md,
      LongConsumer percent) throws IOException {
    try (Watchdog w = new Watchdog(in, limits.idleTimeout());
        FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      byte[] buf = new byte[BUFFER];
      long done = 0;
      long reported = 0;
      percent.accept(0);
      for (int n; (n = w.read(buf)) >= 0; ) {
        done += n;
        if (done > limits.maxBytes()) {
          throw new IOException(url + " is larger than the limit of " + limits.maxBytes() + " bytes");
        }
        if (md != null) {
          md.update(buf, 0, n);
        }
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
          out.write(bb);
        }
        long pct = total > 0 ? Math.min(99, done * 100 / total) : 0;
        if (pct > reported) {
          percent.accept(pct);
          reported = pct;
        }
      }
      if (total >= 0 && done != total) {
        throw new IOException("the download from " + url + " ended after " + done + " of " + total + " bytes");
      }
      out.force(true);
    }
  }

  /** Reads through a stream, closing it (which fails the read) when no byte came for {@code idle}. */
  private static final class Watchdog implements AutoCloseable {
    private final InputStream in;
    private final long idleNanos;
    private final AtomicLong last = new AtomicLong(System.nanoTime());
    private volatile boolean fired;
    private final ScheduledFuture<?> check;

    Watchdog(InputStream in, Duration idle) {
      this.in = in;
      this.idleNanos = idle.toNanos();
      long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), idleNanos / 4);
      this.check = WATCHDOGS.scheduleWithFixedDelay(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    private void check() {
      if (System.nanoTime() - last.get() > idleNanos) {
        fired = true;
        check.cancel(false);
        closeQuietly(in); // the reader fails either way
      }
    }

    int read(byte[] buf) throws IOException {
      try {
        int n = in.read(buf);
        if (fired) {
          throw new IOException("closed");
        }
        last.set(System.nanoTime());
        return n;
      } catch (IOException e) {
        if (fired) {
          throw new IOException("no data for " + idleNanos / 1_000_000_000 + " s; giving up", e);
        }
        throw e;
      }
    }

    @Override
    public void close() {
      check.cancel(false);
    }
  }
}
