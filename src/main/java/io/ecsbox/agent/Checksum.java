package io.ecsbox.agent;

import io.ecsbox.common.HttpUrls;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expected digest: {@code sha256:HEX}, {@code sha512:HEX}, or {@code file:URL} of a
 * checksum list (SHA256SUMS, SHA512SUMS, GNU or BSD lines) in which the line for the image's
 * file name gives the digest. Hex is kept lowercase.
 */
public record Checksum(String algorithm, String hex, URI list) {
  private static final Pattern GNU = Pattern.compile("([0-9a-fA-F]{64}|[0-9a-fA-F]{128})\\s+\\*?(?:\\./)?(.+?)\\s*");
  private static final Pattern BSD = Pattern.compile("(SHA256|SHA512)\\s*\\((?:\\./)?(.+)\\)\\s*=\\s*([0-9a-fA-F]+)\\s*");

  /** Parses the text form; the IllegalArgumentException says what is wrong. */
  public static Checksum parse(String spec) {
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? "" : spec.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = colon < 0 ? "" : spec.substring(colon + 1).trim();
    return switch (kind) {
      case "sha256", "sha512" -> of(kind, value);
      case "file" -> new Checksum(null, null, HttpUrls.httpUrl(value));
      default -> throw new IllegalArgumentException(
          "use sha256:HEX, sha512:HEX or file:URL (of a SHA256SUMS or SHA512SUMS list), got \"" + spec + "\"");
    };
  }

  public static Checksum sha256(String hex) {
    return of("sha256", hex);
  }

  private static Checksum of(String algorithm, String hex) {
    int digits = algorithm.equals("sha256") ? 64 : 128;
    if (!hex.matches("[0-9a-fA-F]{" + digits + "}")) {
      throw new IllegalArgumentException(algorithm + " must be " + digits + " hex digits");
    }
    return new Checksum(algorithm, hex.toLowerCase(Locale.ROOT), null);
  }

  /** True for {@code file:URL}: {@link #pick} the line first. */
  public boolean isList() {
    return list != null;
  }

  /** The text form {@link #parse} reads. */
  public String spec() {
    return isList() ? "file:" + list : algorithm + ":" + hex;
  }

  /** The JRE name of the algorithm ("SHA-256"). */
  public String jreAlgorithm() {
    return algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
  }

  /** The digest that {@code listText} gives for {@code fileName}; IllegalArgumentException if none. */
  public Checksum pick(String listText, String fileName) {
    for (String line : listText.split("\r?\n")) {
      Matcher g = GNU.matcher(line.strip());
      if (g.matches() && g.group(2).equals(fileName)) {
        return of(g.group(1).length() == 64 ? "sha256" : "sha512", g.group(1));
      }
      Matcher b = BSD.matcher(line.strip());
      if (b.matches() && b.group(2).equals(fileName)) {
        return of(b.group(1).toLowerCase(Locale.ROOT), b.group(3));
      }
    }
    throw new IllegalArgumentException((list == null ? "the checksum list" : list.toString())
        + " has no line for " + fileName);
  }

  /** Throws an IOException naming both digests when {@code actualHex} is not the expected one. */
  public void verify(String actualHex) throws IOException {
    if (!hex.equalsIgnoreCase(actualHex)) {
      throw new IOException(algorithm.toUpperCase(Locale.ROOT) + " mismatch: expected " + hex + ", got " + actualHex);
    }
  }
}
