package io.ecsbox.client;

import io.ecsbox.common.PrivateFiles;
import io.ecsbox.tls.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The certificates the CLI pinned on first use, as SSH's known_hosts: one line per endpoint,
 * {@code HOST:PORT SHA-256-FINGERPRINT}; lines starting with {@code #} are comments. Created
 * (mode 0600) on the first pin.
 */
public record KnownEndpoints(Path file) {

  /** The pinned fingerprint of {@code hostPort}; the first line for it wins. */
  public Optional<Fingerprint> get(String hostPort) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.strip().split("\\s+");
        if (f.length >= 2 && !f[0].startsWith("#") && f[0].equals(hostPort)) {
          return Optional.of(Fingerprint.parse(f[1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + ": the line for " + hostPort + " has no valid fingerprint;"
          + " delete that line", e);
    }
    return Optional.empty();
  }

  /** Appends the pin of {@code hostPort}. */
  public void add(String hostPort, Fingerprint fingerprint) {
    try {
      PrivateFiles.createIfMissing(file);
      Files.writeString(file, hostPort + " " + fingerprint.hex() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the certificate of " + hostPort + " in " + file, e);
    }
  }
}
