package io.ecsbox.network.secgroup;

/** Dotted-quad IPv4 addresses as ints. */
public final class Ipv4 {
  private Ipv4() {}

  /** Parses {@code a.b.c.d}; throws IllegalArgumentException otherwise. */
  public static int parse(String s) {
    String[] p = s.split("\\.", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + s);
    }
    int v = 0;
    for (String part : p) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not an IPv4 address: " + s);
      }
      int b = Integer.parseInt(part);
      if (b > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + s);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  public static boolean valid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String format(int v) {
    return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }
}
