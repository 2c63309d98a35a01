package io.ecsbox.config;

import java.util.Locale;

/** ECSBOX_TLS: how the API serves. */
public enum TlsMode {
  /** The given PEM files; else a self-signed certificate off loopback unless plain HTTP is insisted on; else plain HTTP. */
  AUTO,
  /** The self-signed certificate under the data dir, on any address. */
  SELF_SIGNED,
  /** Plain HTTP; off loopback only with ECSBOX_ALLOW_PLAIN_HTTP=true. */
  OFF;

  /** auto, self-signed or off, any case. */
  static TlsMode parse(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "self-signed" -> SELF_SIGNED;
      case "off" -> OFF;
      default -> throw new IllegalArgumentException("bad TLS mode");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
