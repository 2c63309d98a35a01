package io.ecsbox.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the API serves, decided at start from ECSBOX_TLS, the PEM files, ECSBOX_ALLOW_PLAIN_HTTP
 * and whether the listen address is loopback.
 *
 * @param mode  ECSBOX_TLS as set
 * @param kind  plain HTTP, the given PEM files, or the self-signed certificate under the data dir
 * @param cert  the PEM certificate (chain) when {@code kind} is FILES
 * @param key   the PEM PKCS#8 key when {@code kind} is FILES
 * @param plainAllowed ECSBOX_ALLOW_PLAIN_HTTP: plain HTTP may serve a non-loopback address
 */
public record Tls(TlsMode mode, Kind kind, Optional<Path> cert, Optional<Path> key, boolean plainAllowed) {
  public enum Kind { PLAIN, FILES, SELF_SIGNED }


  /** True unless plain HTTP. */
  public boolean on() {
    return kind != Kind.PLAIN;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case PLAIN -> "plain HTTP";
      case SELF_SIGNED -> "HTTPS, self-signed certificate";
      case FILES -> "HTTPS with " + cert.orElseThrow() + " and " + key.orElseThrow();
    };
  }

  /**
   * The decision; each refusal is recorded in {@code r} naming the setting to change.
   *
   * @param loopback whether the API listens on a loopback address only
   */
  static Tls decide(Reader r, boolean loopback, String listen) {
    TlsMode mode = r.get(Settings.TLS);
    Optional<Path> cert = r.optional(Settings.TLS_CERT);
    Optional<Path> key = r.optional(Settings.TLS_KEY);
    boolean allowPlain = r.get(Settings.ALLOW_PLAIN_HTTP);
    if (r.isSet(Settings.TLS_CERT) != r.isSet(Settings.TLS_KEY)) {
      var unset = r.isSet(Settings.TLS_CERT) ? Settings.TLS_KEY : Settings.TLS_CERT;
      r.missing(unset, unset.accepts());
      return plain(mode, allowPlain);
    }
    boolean files = r.isSet(Settings.TLS_CERT);
    if (files && mode != TlsMode.AUTO) {
      r.reject(Settings.TLS, "auto (or unset) when ECSBOX_TLS_CERT and ECSBOX_TLS_KEY are given");
      return plain(mode, allowPlain);
    }
    if (files) {
      return cert.isPresent() && key.isPresent() ? new Tls(mode, Kind.FILES, cert, key, allowPlain)
          : plain(mode, allowPlain);
    }
    if (mode == TlsMode.SELF_SIGNED || (mode == TlsMode.AUTO && !loopback && !allowPlain)) {
      return new Tls(mode, Kind.SELF_SIGNED, Optional.empty(), Optional.empty(), allowPlain);
    }
    if (mode == TlsMode.OFF && !loopback && !allowPlain) {
      r.reject(Settings.TLS, "auto or self-signed: " + listen + " is not a loopback address, and plain HTTP"
          + " there sends keys and signatures in the clear; to insist, also set ECSBOX_ALLOW_PLAIN_HTTP=true"
          + " (--insecure-http)");
    }
    return plain(mode, allowPlain);
  }

  private static Tls plain(TlsMode mode, boolean allowed) {
    return new Tls(mode, Kind.PLAIN, Optional.empty(), Optional.empty(), allowed);
  }
}
