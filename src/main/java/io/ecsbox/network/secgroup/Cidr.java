package io.ecsbox.network.secgroup;

import io.ecsbox.common.EcsException;

/** An IPv4 CIDR block such as {@code 10.0.0.0/8}; a bare address is a /32. */
public record Cidr(int network, int prefix) {
  public static final Cidr ANY = new Cidr(0, 0);

  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix " + prefix);
    }
    network = network & mask(prefix);
  }

  /** Parses {@code a.b.c.d[/n]}; a malformed value gives {@code code} (an ECS error code). */
  public static Cidr parse(String text, String code) {
    try {
      int slash = text.indexOf('/');
      int addr = Ipv4.parse(slash < 0 ? text : text.substring(0, slash));
      int prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
      return new Cidr(addr, prefix);
    } catch (RuntimeException e) {
      throw EcsException.badRequest(code, "The specified CIDR \"" + text + "\" is not valid.");
    }
  }

  public boolean contains(int ip) {
    return (ip & mask(prefix)) == network;
  }

  public boolean isAny() {
    return prefix == 0;
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  @Override
  public String toString() {
    return Ipv4.format(network) + "/" + prefix;
  }
}
