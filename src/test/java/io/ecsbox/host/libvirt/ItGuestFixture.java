package io.ecsbox.host.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a test booting real QEMU guests needs: run-tagged {@link ItDomains} and a scratch
 * directory that QEMU's unprivileged user can read. {@link #close} removes the domains, then
 * the directory.
 */
final class ItGuestFixture implements AutoCloseable {
  final ItDomains domains;
  final Path dir;

  ItGuestFixture(String uri, String dirPrefix) throws Exception {
    domains = new ItDomains(uri);
    try {
      dir = Files.createTempDirectory(dirPrefix);
      // qemu runs as an unprivileged user: it must be able to reach the files.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException | RuntimeException e) {
      domains.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      domains.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Waits up to the deadline for text to appear in a guest's console log. */
  static boolean logShows(Path log, String text, int seconds)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    do {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
        return true;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return false;
  }
}
