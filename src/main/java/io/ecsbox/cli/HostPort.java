package io.ecsbox.cli;

/** A {@code HOST:PORT} listen address; IPv6 hosts are written in brackets ({@code [::1]:80}). */
public record HostPort(String host, int port) {
  /** Parses HOST:PORT; throws IllegalArgumentException with a message naming the problem. */
  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, e.g. 127.0.0.1:18080, got '"
          + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("write an IPv6 host in brackets: [" + host + "]:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number, got '"
          + text.substring(colon + 1) + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
    return new HostPort(host, port);
  }
}
