package io.ecsbox.keypair;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * A public key in OpenSSH's one-line form ({@code type base64-blob [comment]}), parsed and
 * checked strictly: the blob's own type must match, each field must be whole and nothing may
 * follow it. Supported: ssh-rsa (1024-16384 bits), ssh-ed25519, ecdsa-sha2-nistp256/384/521.
 */
public record OpenSshKey(String type, byte[] blob) {
  private static final Map<String, Integer> EC_POINT = Map.of(
      "ecdsa-sha2-nistp256", 65, "ecdsa-sha2-nistp384", 97, "ecdsa-sha2-nistp521", 133);
  private static final int MAX_TEXT = 16 * 1024;

  /** Parses {@code text}, or throws KeyPairError.PUBLIC_KEY_MALFORMED. */
  public static OpenSshKey parse(String text) {
    if (text == null || text.isBlank()) {
      throw KeyPairError.keyMalformed("it is empty");
    }
    if (text.length() > MAX_TEXT) {
      throw KeyPairError.keyMalformed("it is longer than " + MAX_TEXT + " characters");
    }
    String[] f = text.strip().split("[ \t]+", 3);
    if (f.length < 2) {
      throw KeyPairError.keyMalformed("it has no base64 key after the type");
    }
    if (f.length == 3 && f[2].chars().anyMatch(ch -> ch == '\n' || ch == '\r')) {
      throw KeyPairError.keyMalformed("it spans more than one line");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(f[1]);
    } catch (IllegalArgumentException e) {
      throw KeyPairError.keyMalformed("the key is not base64");
    }
    ByteBuffer in = ByteBuffer.wrap(blob);
    String inner = new String(string(in), StandardCharsets.US_ASCII);
    if (!inner.equals(f[0])) {
      throw KeyPairError.keyMalformed("the key says it is " + printable(inner) + ", not " + printable(f[0]));
    }
    switch (f[0]) {
      case "ssh-rsa" -> {
        BigInteger e = mpint(in);
        BigInteger n = mpint(in);
        if (e.signum() <= 0 || !e.testBit(0) || n.bitLength() < 1024 || n.bitLength() > 16384) {
          throw KeyPairError.keyMalformed("an RSA key needs an odd exponent and 1024-16384 bits");
        }
      }
      case "ssh-ed25519" -> {
        if (string(in).length != 32) {
          throw KeyPairError.keyMalformed("an Ed25519 key is 32 bytes");
        }
      }
      case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
        String curve = new String(string(in), StandardCharsets.US_ASCII);
        byte[] q = string(in);
        if (!f[0].endsWith(curve) || q.length != EC_POINT.get(f[0]) || q[0] != 4) {
          throw KeyPairError.keyMalformed("the ECDSA curve or point does not fit " + f[0]);
        }
      }
      default -> throw KeyPairError.keyMalformed("the type " + printable(f[0]) + " is not supported");
    }
    if (in.hasRemaining()) {
      throw KeyPairError.keyMalformed("there are bytes after the key");
    }
    return new OpenSshKey(f[0], blob);
  }

  /** The OpenSSH form of an RSA public key made by the JDK. */
  public static OpenSshKey ofRsa(RSAPublicKey key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    put(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
    put(out, key.getPublicExponent().toByteArray());
    put(out, key.getModulus().toByteArray());
    return new OpenSshKey("ssh-rsa", out.toByteArray());
  }

  /** {@code type base64}, without a comment. */
  public String text() {
    return type + " " + Base64.getEncoder().encodeToString(blob);
  }

  /**
   * The fingerprint: the MD5 of the key blob (RFC 4716 section 4) as 32 lowercase hex characters,
   * i.e. {@code ssh-keygen -l -E md5} without its "MD5:" prefix and colons. ECS's docs do not pin
   * the form down (the 2019 CreateKeyPair example shows colon-separated hex, the current
   * DescribeKeyPairs example a placeholder "ABC1234567"); we chose the colon-free form, and the
   * KeyPairFingerPrint filter takes either ({@link #normalFingerprint}).
   */
  public String fingerprint() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(blob));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code fp} in our form: colons dropped, lower case (a filter may be written either way). */
  public static String normalFingerprint(String fp) {
    return fp.replace(":", "").strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] string(ByteBuffer in) {
    if (in.remaining() < 4) {
      throw KeyPairError.keyMalformed("the key is cut short");
    }
    int len = in.getInt();
    if (len < 0 || len > in.remaining()) {
      throw KeyPairError.keyMalformed("the key is cut short");
    }
    byte[] b = new byte[len];
    in.get(b);
    return b;
  }

  private static BigInteger mpint(ByteBuffer in) {
    byte[] b = string(in);
    if (b.length == 0) {
      throw KeyPairError.keyMalformed("an RSA number is empty");
    }
    return new BigInteger(b);
  }

  private static void put(ByteArrayOutputStream out, byte[] b) {
    out.write(b.length >>> 24);
    out.write(b.length >>> 16);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.writeBytes(b);
  }

  private static String printable(String s) {
    String t = s.replaceAll("[^\\x20-\\x7e]", "?");
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }
}
