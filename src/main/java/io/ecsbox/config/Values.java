package io.ecsbox.config;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The value rules of the settings, each throwing IllegalArgumentException for a bad value
 * (the caller names the setting). Values arrive stripped and non-blank. Rules copied from the
 * readers they replace say where they come from.
 */
final class Values {
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
  // DaemonOptions' zone id rule
  private static final Pattern ZONE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  // NetworkScope.tagFor: the tag goes into interface and namespace names
  private static final Pattern TAG = Pattern.compile("[a-z0-9]{1,12}");
  // EipConfig: a Linux interface name
  private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  // Cidr.parseAddress: strict dotted quad, no leading zeros
  private static final Pattern ADDRESS = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private Values() {}

  /** A whole number in [min, max]: ASCII digits with an optional sign. */
  static long whole(String v, long min, long max) {
    if (!WHOLE.matcher(v).matches()) {
      throw new IllegalArgumentException("not a whole number");
    }
    BigInteger n = new BigInteger(v);
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return n.longValue();
  }

  static int wholeInt(String v, int min) {
    return (int) whole(v, min, Integer.MAX_VALUE);
  }

  /** Scheduler.ratio: what Double.parseDouble reads, greater than 0. */
  static double positive(String v) {
    double d = Double.parseDouble(v);
    if (!(d > 0)) {
      throw new IllegalArgumentException("not positive");
    }
    return d;
  }

  /** DaemonOptions.zonesFrom: comma-separated, each stripped, empty parts and repeats dropped. */
  static List<String> zones(String v) {
    List<String> zones = Arrays.stream(v.split(",")).map(String::strip).filter(z -> !z.isEmpty()).distinct().toList();
    if (zones.isEmpty() || !zones.stream().allMatch(z -> ZONE.matcher(z).matches())) {
      throw new IllegalArgumentException("bad zone list");
    }
    return zones;
  }

  /** cli.HostPort.parse: HOST:PORT, IPv6 hosts in brackets, port 1-65535. */
  static DaemonConfig.Listen listen(String v) {
    int colon = v.lastIndexOf(':');
    if (colon <= 0 || colon == v.length() - 1) {
      throw new IllegalArgumentException("no HOST:PORT");
    }
    String host = v.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("IPv6 host without brackets");
    }
    return new DaemonConfig.Listen(host, (int) whole(v.substring(colon + 1), 0, 65535));
  }

  static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    };
  }

  static Path path(String v) {
    return Path.of(v).toAbsolutePath().normalize();
  }

  /** An enum constant's name in any case (ASCII letters only: "ınfo" is not INFO). */
  static <E extends Enum<E>> E oneOf(Class<E> type, String v) {
    if (!v.matches("[A-Za-z]+")) {
      throw new IllegalArgumentException("not a name");
    }
    return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
  }

  static String tag(String v) {
    return matching(TAG, v);
  }

  static String bridge(String v) {
    return matching(BRIDGE, v);
  }

  private static String matching(Pattern p, String v) {
    if (!p.matcher(v).matches()) {
      throw new IllegalArgumentException("no match");
    }
    return v;
  }

  /** Cidr.parseAddress: the address as an unsigned 32-bit value in an int. */
  static int address(String v) {
    if (!ADDRESS.matcher(v).matches()) {
      throw new IllegalArgumentException("not an IPv4 address");
    }
    long a = 0;
    for (String part : v.split("\\.")) {
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address");
      }
      a = a << 8 | octet;
    }
    return (int) a;
  }

  /** An IPv4 block; {@code network} has no host bits. */
  record Block(int network, int prefix) {
    int last() {
      return network | ~mask(prefix);
    }

    @Override
    public String toString() {
      return format(network) + "/" + prefix;
    }
  }

  /** Cidr.parse (a.b.c.d/n, strict address, no host bits), then EipConfig's /20 to /30. */
  static Block eipBlock(String v) {
    int slash = v.indexOf('/');
    if (slash < 0 || !v.substring(slash + 1).matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException("no /prefix");
    }
    int network = address(v.substring(0, slash));
    int prefix = Integer.parseInt(v.substring(slash + 1));
    if (prefix < 20 || prefix > 30 || (network & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("not a /20 to /30 block");
    }
    return new Block(network, prefix);
  }

  static String format(int address) {
    return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << 32 - prefix;
  }

  /**
   * NetworkScope.tagFor without ECSBOX_NETWORK_TAG: "main" for the default data dir, else "d"
   * and 11 characters of the SHA-256 of the absolute path, so each data dir owns its host objects.
   */
  static String derivedTag(Path absoluteDataDir) {
    if (absoluteDataDir.equals(Settings.DEFAULT_DATA_DIR)) {
      return "main";
    }
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(absoluteDataDir.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder sb = new StringBuilder("d");
    for (int i = 0; i < 11; i++) {
      sb.append(BASE32.charAt((h[i] & 0xff) % 32));
    }
    return sb.toString();
  }
}
