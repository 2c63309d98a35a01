package io.ecsbox.cli.network;

import java.util.Locale;

/**
 * The {@code --port} of a rule as ECS wants its PortRange: {@code 22} becomes {@code 22/22},
 * and protocols without ports (icmp, gre, all) get {@code -1/-1} when no port is given. Any
 * other text is sent unchanged, so the daemon answers {@code InvalidPortRange.Malformed}.
 */
final class RulePorts {
  private RulePorts() {}

  /** The PortRange to send, or null (tcp/udp without --port: the daemon asks for it). */
  static String portRange(String protocol, String port) {
    if (port == null || port.isBlank()) {
      boolean ports = protocol != null
          && (protocol.toLowerCase(Locale.ROOT).equals("tcp")
              || protocol.toLowerCase(Locale.ROOT).equals("udp"));
      return ports ? null : "-1/-1";
    }
    String p = port.strip();
    return p.matches("-?[0-9]+") ? p + "/" + p : p;
  }
}
