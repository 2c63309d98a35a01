package io.ecsbox.common;

import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block in canonical form (no host bits set), e.g. {@code 192.168.1.0/24}.
 * Addresses are unsigned 32-bit values held in an {@code int}. {@link #parse(String)} and
 * {@link #parseAddress} take strict dotted-quad text only (VPC and vSwitch blocks, private
 * IPs); {@link #parse(String, String)} and {@link #parseLenientAddress} are the looser forms
 * security groups accept.
 */
public record Cidr(int network, int prefix) {
  /** Every address: {@code 0.0.0.0/0}. */
  public static final Cidr ANY = new Cidr(0, 0);
  private static final Pattern STRICT_ADDRESS = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length " + prefix + " is not 0-32");
    }
    if ((network & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException(format(network) + "/" + prefix + " has host bits set");
    }
  }

  /** Parses {@code a.b.c.d/n}; throws IllegalArgumentException saying what is wrong. */
  public static Cidr parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no CIDR block");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' has no /prefix");
    }
    String len = text.substring(slash + 1);
    if (!len.matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
    }
    return new Cidr(parseAddress(text.substring(0, slash)), Integer.parseInt(len));
  }

  /**
   * Parses a security-group CIDR {@code a.b.c.d[/n]}: a bare address is a /32, host bits are
   * cleared, octets as in {@link #parseLenientAddress}. Malformed text throws an
   * IllegalArgumentException.
   */
  public static Cidr parseLenient(String text) {
    try {
      int slash = text.indexOf('/');
      int address = parseLenientAddress(slash < 0 ? text : text.substring(0, slash));
      int prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
      return new Cidr(address & mask(prefix), prefix);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a CIDR block: " + text, e);
    }
  }

  /** Parses a dotted-quad IPv4 address (no leading zeros, each part 0-255). */
  public static int parseAddress(String text) {
    long value = text == null || !STRICT_ADDRESS.matcher(text).matches() ? -1 : octets(text);
    if (value < 0) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
    }
    return (int) value;
  }

  /** Parses {@code a.b.c.d} whose parts are 1-3 digits, leading zeros allowed ({@code 010} is 10). */
  public static int parseLenientAddress(String text) {
    long value = octets(text);
    if (value < 0) {
      throw new IllegalArgumentException("not an IPv4 address: " + text);
    }
    return (int) value;
  }

  /** True when {@link #parseLenientAddress} takes {@code text}. */
  public static boolean isLenientAddress(String text) {
    return octets(text) >= 0;
  }

  /** The address of four dot-separated parts of 1-3 digits, each 0-255, or -1. */
  private static long octets(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  public static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
        + (address & 255);
  }

  static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  /** True for {@code 0.0.0.0/0}, the block that needs no address match. */
  public boolean isAny() {
    return prefix == 0;
  }

  /** The last (broadcast) address of the block. */
  public int last() {
    return network | ~mask(prefix);
  }

  /** Number of addresses in the block. */
  public long size() {
    return 1L << (32 - prefix);
  }

  public boolean contains(int address) {
    return (address & mask(prefix)) == network;
  }

  public boolean contains(Cidr other) {
    return other.prefix >= prefix && contains(other.network);
  }

  public boolean overlaps(Cidr other) {
    return contains(other) || other.contains(this);
  }

  /** The dotted netmask, e.g. {@code 255.255.255.0}. */
  public String netmask() {
    return format(mask(prefix));
  }

  @Override
  public String toString() {
    return format(network) + "/" + prefix;
  }
}
