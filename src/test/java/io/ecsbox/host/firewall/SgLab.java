package io.ecsbox.host.firewall;

import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.agent.firewall.SgRule.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test network on this host: one bridge without uplink and one network namespace per fake
 * VM, joined by a veth pair whose bridge end is named like a tap. Every name carries the
 * session tag; {@link #close()} removes the namespaces and the bridge it made, nothing else.
 * Probes run inside the namespaces: ping (busybox), TCP and UDP with OpenBSD nc.
 */
final class SgLab implements AutoCloseable {
  static final CommandRunner RUN = new CommandRunner();
  private static final Duration T = Duration.ofSeconds(10);
  final String tag;
  final String bridge;
  final String subnet; // "10.251.N."
  private final List<String> namespaces = new ArrayList<>();
  private final java.util.Map<String, String> taps = new java.util.concurrent.ConcurrentHashMap<>();

  SgLab(String tag, int thirdOctet) {
    this.tag = tag;
    this.bridge = "esb" + tag;
    this.subnet = "10.251." + thirdOctet + ".";
    RUN.run(List.of("ip", "link", "add", bridge, "type", "bridge"), T);
    RUN.run(List.of("ip", "link", "set", bridge, "up"), T);
  }

  /** Makes fake VM number k (1-based): namespace, veth "e<tag><k>" on the bridge, IP subnet.k, a fixed MAC. */
  Nic vm(int k, String... groups) {
    String ns = ns(k);
    String tap = "e" + tag + k;
    RUN.run(List.of("ip", "netns", "add", ns), T);
    namespaces.add(ns);
    RUN.run(List.of("ip", "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", ns), T);
    String mac = String.format("52:54:00:ee:%02x:%02x", tag.hashCode() & 0xff, k);
    RUN.run(List.of("ip", "-n", ns, "link", "set", "eth0", "address", mac), T);
    RUN.run(List.of("ip", "-n", ns, "addr", "add", subnet + k + "/24", "dev", "eth0"), T);
    RUN.run(List.of("ip", "-n", ns, "link", "set", "eth0", "up"), T);
    RUN.run(List.of("ip", "-n", ns, "link", "set", "lo", "up"), T);
    RUN.run(List.of("ip", "link", "set", tap, "master", bridge, "up"), T);
    // UDP probes read the ICMP port-unreachable answer: do not rate-limit it.
    inNs(ns, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0");
    taps.put("eni-" + tag + k, tap);
    return new Nic("eni-" + tag + k, mac, List.of(subnet + k), List.of(groups));
  }

  /** The host side of a lab NIC's veth, by NIC id (what the compiler matches). */
  String tap(String nicId) {
    return taps.get(nicId);
  }

  String ns(int k) {
    return "esg-" + tag + "-" + k;
  }

  static int index(Nic n) {
    String ip = n.ips().get(0);
    return Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
  }

  CommandRunner.Result inNs(String ns, String... argv) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(argv));
    return RUN.runAllowingFailure(cmd, T);
  }

  /** Sends the first packet of a new flow from {@code from} (optionally from another source IP) and says whether it got through. */
  boolean probe(Nic from, String srcIp, String dstIp, Protocol p, int port) {
    String ns = ns(index(from));
    return switch (p) {
      case ICMP -> srcIp == null
          ? inNs(ns, "busybox", "ping", "-c", "1", "-W", "1", dstIp).exitCode() == 0
          : inNs(ns, "busybox", "ping", "-c", "1", "-W", "1", "-I", srcIp, dstIp).exitCode() == 0;
      case TCP -> {
        // No listener: an accepted SYN is answered by RST ("refused"); a dropped one times out.
        CommandRunner.Result r = srcIp == null
            ? inNs(ns, "nc", "-v", "-n", "-z", "-w", "1", dstIp, "" + port)
            : inNs(ns, "nc", "-v", "-n", "-z", "-w", "1", "-s", srcIp, dstIp, "" + port);
        String err = r.stderr();
        if (err.contains("refused") || err.contains("succeeded")) {
          yield true;
        }
        if (err.contains("timed out")) {
          yield false;
        }
        throw new IllegalStateException("unclear nc answer: " + err);
      }
      case UDP -> {
        // No listener: an accepted datagram is answered by ICMP port unreachable (nc -v fails at once);
        // a dropped one is "succeeded" after the 1 s wait. Without -v nc skips that check.
        CommandRunner.Result r = srcIp == null
            ? inNs(ns, "nc", "-v", "-u", "-n", "-z", "-w", "1", dstIp, "" + port)
            : inNs(ns, "nc", "-v", "-u", "-n", "-z", "-w", "1", "-s", srcIp, dstIp, "" + port);
        yield r.exitCode() != 0;
      }
      default -> throw new IllegalArgumentException("no probe for " + p);
    };
  }

  /** Like a UDP {@link #probe} from fake VM {@code k}, sent from source port {@code srcPort}. */
  boolean probeUdpFromPort(int k, int srcPort, String dstIp, int port) {
    return inNs(ns(k), "nc", "-v", "-u", "-n", "-z", "-w", "1", "-p", "" + srcPort, dstIp, "" + port).exitCode() != 0;
  }

  boolean probe(Nic from, Nic to, Protocol p, int port) {
    return probe(from, null, to.ips().get(0), p, port);
  }

  @Override
  public void close() {
    for (String ns : namespaces) {
      RUN.runAllowingFailure(List.of("ip", "netns", "del", ns), T);
    }
    RUN.runAllowingFailure(List.of("ip", "link", "del", bridge), T);
  }
}
