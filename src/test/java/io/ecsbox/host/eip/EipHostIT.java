package io.ecsbox.host.eip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.common.Cidr;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.network.MacAddresses;
import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.agent.EipAgent;
import io.ecsbox.host.vpc.FakeGuests;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * EIPs with real packets: a VPC (vRouter netns + vSwitch) with a namespace guest, a test bridge
 * of this run as the uplink (no physical port: nothing leaves the machine) and an "internet"
 * namespace on it holding the gateway. Everything carries this run's scope tag and is removed
 * at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EipHostIT {
  private static final Duration T = Duration.ofSeconds(60);
  static final String TAG = "it" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
  static final CommandRunner RUN = new CommandRunner();
  static final LinuxNames NAMES = new LinuxNames(TAG);
  static final EipNames EIP_NAMES = new EipNames(NAMES);
  static final String VPC = "vpc-" + TAG + "a";
  static final String VPC2 = "vpc-" + TAG + "b";
  static final VSwitchNet VSW = new VSwitchNet(VPC, "vsw-" + TAG + "a1", Cidr.parse("10.78.1.0/24"));
  static final String GUEST_IP = "10.78.1.10";
  static final String UPLINK = "eipbr" + TAG;
  static final String INET_NS = "ecsboxit-" + TAG + "-inet";
  static final String INET_VETH = "eipi" + TAG;
  static final String GATEWAY = "198.51.100.1";
  static final String EIP = "198.51.100.20";
  static final PublicUplink CONFIG = new PublicUplink(Cidr.parse("198.51.100.0/24"), UPLINK,
      Cidr.parseAddress(GATEWAY));
  static Path dir;
  static IprouteVpcHost vpcHost;
  static IprouteEipHost host;
  static FakeGuests guests;
  static FakeGuests.Guest guest;
  static FakeGuests.Guest other;
  static FakeGuests.Guest internet;
  static int port = 7000;

  @BeforeAll
  static void setUp() throws Exception {
    dir = Files.createTempDirectory("ecsbox-eipit");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    vpcHost = new IprouteVpcHost(RUN, dir.resolve("network"), NAMES);
    host = new IprouteEipHost(RUN, NAMES, CONFIG);
    guests = new FakeGuests(RUN, TAG, dir);
    vpcHost.ensureVSwitch(VSW);
    DhcpHost lease = new DhcpHost(MacAddresses.forNic("eni-" + TAG + "g"), GUEST_IP);
    guest = guests.plug(vpcHost.bridgeName(VSW.vSwitchId()), lease.mac());
    DhcpHost otherLease = new DhcpHost(MacAddresses.forNic("eni-" + TAG + "o"), "10.78.1.11");
    other = guests.plug(vpcHost.bridgeName(VSW.vSwitchId()), otherLease.mac());
    vpcHost.setDhcpHosts(VSW, List.of(lease, otherLease));
    assertEquals("ECSBOX-NET eth0 ip=" + GUEST_IP + "/24 gw=10.78.1.253", guests.dhcp(guest));
    assertEquals("ECSBOX-NET eth0 ip=10.78.1.11/24 gw=10.78.1.253", guests.dhcp(other));

    RUN.run(List.of("ip", "link", "add", "name", UPLINK, "type", "bridge", "stp_state", "0"), T);
    RUN.run(List.of("ip", "link", "set", "dev", UPLINK, "addrgenmode", "none", "up"), T);
    RUN.run(List.of("ip", "netns", "add", INET_NS), T);
    RUN.run(List.of("ip", "-n", INET_NS, "link", "set", "lo", "up"), T);
    RUN.run(List.of("ip", "link", "add", INET_VETH, "type", "veth", "peer", "name", "eth0", "netns", INET_NS), T);
    RUN.run(List.of("ip", "link", "set", INET_VETH, "master", UPLINK, "up"), T);
    RUN.run(List.of("ip", "-n", INET_NS, "addr", "add", GATEWAY + "/24", "dev", "eth0"), T);
    RUN.run(List.of("ip", "-n", INET_NS, "link", "set", "eth0", "up"), T);
    internet = new FakeGuests.Guest(INET_NS, INET_VETH, "");
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (host != null) {
        host.reconcile(Map.of()); // this scope only
      }
      if (guests != null) {
        guests.close();
      }
      if (vpcHost != null) {
        vpcHost.reconcile(Set.of(), Map.of());
      }
    } finally {
      RUN.runAllowingFailure(List.of("ip", "netns", "del", INET_NS), T);
      RUN.runAllowingFailure(List.of("ip", "link", "del", INET_VETH), T);
      RUN.runAllowingFailure(List.of("ip", "link", "del", UPLINK), T);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void theInternetReachesTheGuestOnItsEipAndSeesItsOutboundTrafficFromIt() throws Exception {
    assertFalse(guests.pingOnce(internet, EIP), "nothing answers before the association");
    host.associate(VPC, EIP, GUEST_IP, 20);
    host.associate(VPC, EIP, GUEST_IP, 20); // idempotent
    assertTrue(guests.ping(internet, EIP));
    assertTrue(guests.ping(guest, GATEWAY));

    Listener in = Listener.start(guest.netns(), ++port);
    send(INET_NS, EIP, port, "hello guest");
    assertEquals("hello guest", in.finish().strip());
    assertTrue(in.peer().startsWith(GATEWAY + " "), "inbound keeps the client's address: " + in.peer());

    Listener out = Listener.start(INET_NS, ++port);
    send(guest.netns(), GATEWAY, port, "hello internet");
    assertEquals("hello internet", out.finish().strip());
    assertTrue(out.peer().startsWith(EIP + " "), "outbound leaves from the EIP: " + out.peer());
    String addrs = RUN.run(List.of("ip", "-n", NAMES.netns(VPC), "-4", "-br", "addr", "show", "dev",
        EIP_NAMES.routerSide(VPC)), T).stdout();
    assertTrue(addrs.contains(EIP + "/32"), addrs);
  }

  @Test
  @Order(2)
  void aGuestWithoutAPublicIpSendsNothingOntoThePublicSegment() {
    String ns = NAMES.netns(VPC);
    String before = dropped(ns);
    assertFalse(guests.pingOnce(other, GATEWAY));
    assertNotEquals(before, dropped(ns), "the vRouter dropped it: " + dropped(ns));
  }

  @Test
  @Order(3)
  void theBandwidthLimitHoldsBothWays() throws Exception {
    host.setBandwidth(VPC, EIP, 1);
    double slow = measure(guest.netns(), GATEWAY, INET_NS, 1024 * 1024);
    host.setBandwidth(VPC, EIP, 20);
    double fast = measure(guest.netns(), GATEWAY, INET_NS, 8 * 1024 * 1024);
    double in = measure(INET_NS, EIP, guest.netns(), 8 * 1024 * 1024);
    System.out.printf("EIP bandwidth: out limit 1 Mbit/s -> %.2f Mbit/s; out limit 20 Mbit/s -> %.2f Mbit/s;"
        + " in limit 20 Mbit/s -> %.2f Mbit/s%n", slow, fast, in);
    assertTrue(slow <= 1.3 && slow >= 0.5, "1 Mbit/s limit: " + slow);
    assertTrue(fast <= 1.3 * 20 && fast >= 0.5 * 20, "20 Mbit/s limit: " + fast);
    assertTrue(in <= 1.3 * 20 && in >= 0.5 * 20, "20 Mbit/s inbound limit: " + in);
  }

  @Test
  @Order(4)
  void reconcileRemovesStaleMappingsOfOursAndKeepsWantedOnes() throws Exception {
    vpcHost.ensureVpc(VPC2);
    host.associate(VPC2, "198.51.100.30", "10.78.2.10", 5);
    assertTrue(linkExists(null, EIP_NAMES.uplinkSide(VPC2)));
    EipAgent.Mapping m = new EipAgent.Mapping(EIP, GUEST_IP, 20);
    // a half-broken VPC: its inbound ifb and its DNAT rules gone
    RUN.run(List.of("ip", "-n", NAMES.netns(VPC), "link", "del", "dev", EIP_NAMES.ifb(VPC)), T);
    RUN.run(List.of("ip", "netns", "exec", NAMES.netns(VPC), "iptables", "-t", "nat", "-F", "ECSBOX-EIP-PRE"), T);
    assertFalse(guests.pingOnce(internet, EIP));
    host.reconcile(Map.of(VPC, List.of(m)));
    host.reconcile(Map.of(VPC, List.of(m)));
    assertFalse(linkExists(null, EIP_NAMES.uplinkSide(VPC2)), "the stale VPC's uplink is gone");
    assertFalse(nat(NAMES.netns(VPC2)).contains("ECSBOX-EIP"), "and its NAT chains");
    assertTrue(guests.ping(internet, EIP), "the wanted mapping works again");
    String tc = RUN.run(List.of("ip", "netns", "exec", NAMES.netns(VPC), "tc", "class", "show", "dev",
        EIP_NAMES.ifb(VPC)), T).stdout();
    assertTrue(tc.contains("class htb 1:14 ") && tc.contains("rate 20Mbit"), tc);
    vpcHost.deleteVpc(VPC2);
  }

  @Test
  @Order(5)
  void afterDisassociationTheGuestIsUnreachable() throws Exception {
    Listener in = Listener.start(guest.netns(), ++port);
    host.disassociate(VPC, EIP, GUEST_IP);
    host.disassociate(VPC, EIP, GUEST_IP); // idempotent
    assertFalse(guests.pingOnce(internet, EIP));
    assertNotEquals(0, RUN.runAllowingFailure(List.of("ip", "netns", "exec", INET_NS, "nc", "-n", "-z", "-w", "2",
        EIP, Integer.toString(port)), T).exitCode(), "no TCP connection either");
    in.kill();
    assertFalse(guests.pingOnce(guest, GATEWAY), "nor outbound");
    assertFalse(linkExists(null, EIP_NAMES.uplinkSide(VPC)), "the VPC's last mapping took its uplink with it");
    assertFalse(nat(NAMES.netns(VPC)).contains("ECSBOX-EIP"));
    assertTrue(guests.ping(guest, VSW.gateway()), "the VPC itself is untouched");
  }

  /** Sends {@code bytes} zeros from one netns to a listener in another; returns Mbit/s. */
  private static double measure(String fromNs, String toIp, String listenerNs, int bytes) throws Exception {
    Listener l = Listener.start(listenerNs, ++port);
    long start = System.nanoTime();
    RUN.run(List.of("ip", "netns", "exec", fromNs, "sh", "-c", "head -c " + bytes
        + " /dev/zero | nc -N -w 20 " + toIp + " " + port), Duration.ofSeconds(120));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(bytes, l.finish().length(), "every byte arrived");
    return bytes * 8 / seconds / 1e6;
  }

  private static void send(String fromNs, String toIp, int port, String text) {
    RUN.run(List.of("ip", "netns", "exec", fromNs, "sh", "-c", "printf '%s\\n' \"$0\" | nc -N -w 5 " + toIp + " "
        + port, text), T);
  }

  private static boolean linkExists(String ns, String dev) {
    List<String> argv = new ArrayList<>(List.of("ip"));
    if (ns != null) {
      argv.addAll(List.of("-n", ns));
    }
    argv.addAll(List.of("link", "show", "dev", dev));
    return RUN.runAllowingFailure(argv, T).exitCode() == 0;
  }

  /** The packet counter of the FWD chain's outbound DROP rule. */
  private static String dropped(String ns) {
    return RUN.run(List.of("ip", "netns", "exec", ns, "iptables", "-v", "-x", "-n", "-L", "ECSBOX-EIP-FWD"), T)
        .stdout().lines().map(l -> l.strip().split("\\s+")) // pkts bytes target prot opt in out ...
        .filter(f -> f.length > 6 && f[2].equals("DROP") && f[6].startsWith("eun-")).map(f -> f[0]).findFirst()
        .orElse("none");
  }

  private static String nat(String ns) {
    return RUN.run(List.of("ip", "netns", "exec", ns, "iptables-save"), T).stdout();
  }

  /** {@code nc -l} in a netns: what it received (stdout) and whom from (its -v line). */
  static final class Listener {
    private final Process p;
    private final Path out;
    private final Path err;

    private Listener(Process p, Path out, Path err) {
      this.p = p;
      this.out = out;
      this.err = err;
    }

    static Listener start(String ns, int port) throws IOException, InterruptedException {
      Path out = Files.createTempFile(dir, "nc", ".out");
      Path err = Files.createTempFile(dir, "nc", ".err");
      Process p = new ProcessBuilder("ip", "netns", "exec", ns, "nc", "-n", "-v", "-l", Integer.toString(port))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.readString(err).contains("Listening")) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          p.destroyForcibly();
          throw new IllegalStateException("nc -l did not start: " + Files.readString(err));
        }
        Thread.sleep(20);
      }
      return new Listener(p, out, err);
    }

    /** Waits for the peer to close; returns what arrived. */
    String finish() throws IOException, InterruptedException {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("nc -l did not end");
      }
      return Files.readString(out);
    }

    /** "address port" of the connection it took. */
    String peer() throws IOException {
      return Files.readString(err).lines().filter(l -> l.startsWith("Connection received on "))
          .map(l -> l.substring("Connection received on ".length())).findFirst().orElse("none");
    }

    void kill() throws InterruptedException {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
