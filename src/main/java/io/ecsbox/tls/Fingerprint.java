package io.ecsbox.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate's SHA-256 fingerprint, written as openssl prints it: 32 upper-case hex pairs
 * joined by colons. {@link #parse} also takes lower case, no colons and a {@code SHA256:} prefix.
 */
public record Fingerprint(String hex) {
  private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

  public Fingerprint {
    if (!hex.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}")) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint: " + hex);
    }
  }

  /** The fingerprint of {@code cert}'s DER encoding. */
  public static Fingerprint of(X509Certificate cert) {
    try {
      return new Fingerprint(COLONS.formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate " + cert.getSubjectX500Principal(), e);
    }
  }

  /** Reads one in any usual spelling; IllegalArgumentException when it is not 32 bytes of hex. */
  public static Fingerprint parse(String text) {
    String t = text.strip();
    if (t.regionMatches(true, 0, "SHA256:", 0, 7)) {
      t = t.substring(7);
    }
    String bare = t.replace(":", "").toUpperCase(Locale.ROOT);
    if (!bare.matches("[0-9A-F]{64}")) {
      throw new IllegalArgumentException("\"" + text + "\" is not a SHA-256 fingerprint (64 hex digits,"
          + " colons optional)");
    }
    return new Fingerprint(COLONS.formatHex(HexFormat.of().parseHex(bare)));
  }

  @Override
  public String toString() {
    return hex;
  }
}
