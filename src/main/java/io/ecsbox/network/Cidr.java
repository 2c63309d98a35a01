package io.ecsbox.network;

/**
 * An IPv4 CIDR block in canonical form (no host bits set), e.g. {@code 192.168.1.0/24}.
 * Addresses are unsigned 32-bit values held in an {@code int}; {@link #parse} and
 * {@link #parseAddress} reject anything that is not strict dotted-quad text.
 */
public record Cidr(int network, int prefix) {

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

  /** Parses a dotted-quad IPv4 address (no leading zeros, each part 0-255). */
  public static int parseAddress(String text) {
    if (text == null || !text.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
    }
    int value = 0;
    for (String part : text.split("\\.")) {
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
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
