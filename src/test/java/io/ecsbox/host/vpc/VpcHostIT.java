package io.ecsbox.host.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.common.Cidr;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.network.MacAddresses;
import io.ecsbox.agent.VSwitchNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The VPC data plane on the real host: two VPCs with the same CIDRs, two vSwitches each, one
 * namespace "guest" per vSwitch. Everything is named with this run's scope tag; the bridges
 * have no uplink, so no packet leaves the machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VpcHostIT {
  private static final Duration T = Duration.ofSeconds(30);
  static final String TAG = "it" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
  static final CommandRunner RUN = new CommandRunner();
  static final LinuxNames NAMES = new LinuxNames(TAG);
  static Path dir;
  static IprouteVpcHost host;
  static FakeGuests guests;

  static final String VPC_A = "vpc-" + TAG + "a";
  static final String VPC_B = "vpc-" + TAG + "b";
  static final VSwitchNet A1 = new VSwitchNet(VPC_A, "vsw-" + TAG + "a1", Cidr.parse("10.77.1.0/24"));
  static final VSwitchNet A2 = new VSwitchNet(VPC_A, "vsw-" + TAG + "a2", Cidr.parse("10.77.2.0/24"));
  static final VSwitchNet B1 = new VSwitchNet(VPC_B, "vsw-" + TAG + "b1", Cidr.parse("10.77.1.0/24"));
  static final VSwitchNet B2 = new VSwitchNet(VPC_B, "vsw-" + TAG + "b2", Cidr.parse("10.77.2.0/24"));
  static final Map<VSwitchNet, List<DhcpHost>> LEASES = new LinkedHashMap<>();
  static final Map<VSwitchNet, FakeGuests.Guest> GUEST = new LinkedHashMap<>();
  static final String FOREIGN_BRIDGE = "ebr-" + TAG + "f";
  static final String FOREIGN_NETNS = "ecsbox-" + TAG + "x-vpc-foreign";

  @BeforeAll
  static void setUp() throws Exception {
    dir = Files.createTempDirectory("ecsbox-vpcit");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    host = new IprouteVpcHost(RUN, dir.resolve("network"), NAMES);
    guests = new FakeGuests(RUN, TAG, dir);
    String[] ips = {"10.77.1.10", "10.77.2.10", "10.77.1.11", "10.77.2.11"};
    int i = 0;
    for (VSwitchNet vs : List.of(A1, A2, B1, B2)) {
      LEASES.put(vs, List.of(new DhcpHost(MacAddresses.forNic("eni-" + TAG + i), ips[i])));
      i++;
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (guests != null) {
        guests.close();
      }
      if (host != null) {
        host.reconcile(Set.of(), Map.of()); // this scope only
      }
    } finally {
      RUN.runAllowingFailure(List.of("ip", "link", "del", FOREIGN_BRIDGE), T);
      RUN.runAllowingFailure(List.of("ip", "netns", "del", FOREIGN_NETNS), T);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void guestsGetTheirFixedAddressesByDhcp() {
    for (VSwitchNet vs : LEASES.keySet()) {
      host.ensureVSwitch(vs);
      host.ensureVSwitch(vs); // idempotent
    }
    for (VSwitchNet vs : LEASES.keySet()) {
      DhcpHost lease = LEASES.get(vs).get(0);
      FakeGuests.Guest g = guests.plug(host.bridgeName(vs.vSwitchId()), lease.mac());
      GUEST.put(vs, g);
      if (vs == A1) {
        assertTrue(guests.dhcp(g, 2).startsWith("no lease"), "unknown MACs get nothing");
      }
      host.setDhcpHosts(vs, LEASES.get(vs)); // dnsmasq already runs: a SIGHUP reload
      assertEquals("ECSBOX-NET eth0 ip=" + lease.ip() + "/24 gw=" + vs.gateway(), guests.dhcp(g));
    }
    assertEquals("10.77.1.253", A1.gateway());
  }

  @Test
  @Order(2)
  void guestsOnTwoVSwitchesOfOneVpcReachEachOtherThroughTheVRouter() {
    assertTrue(guests.ping(GUEST.get(A1), "10.77.2.10"));
    assertTrue(guests.ping(GUEST.get(A2), "10.77.1.10"));
    assertTrue(guests.ping(GUEST.get(B1), "10.77.2.11"));
    assertTrue(guests.ping(GUEST.get(B2), "10.77.1.11"));
    assertTrue(guests.ping(GUEST.get(A1), A1.gateway()));
  }

  @Test
  @Order(3)
  void twoVpcsWithTheSameCidrDoNotSeeEachOther() {
    assertFalse(guests.pingOnce(GUEST.get(A1), "10.77.1.11"), "same subnet, other VPC");
    assertFalse(guests.pingOnce(GUEST.get(A1), "10.77.2.11"), "routed, other VPC");
    assertFalse(guests.pingOnce(GUEST.get(B2), "10.77.1.10"), "routed, other VPC");
    assertFalse(guests.pingOnce(GUEST.get(B1), "10.77.2.10"), "routed, other VPC");
  }

  @Test
  @Order(4)
  void reconcileRemovesStaleOnesOfOursAndLeavesForeignOnesAlone() {
    VSwitchNet stale = new VSwitchNet("vpc-" + TAG + "s", "vsw-" + TAG + "s1", Cidr.parse("10.77.1.0/24"));
    host.ensureVSwitch(stale);
    host.ensureVpc("vpc-" + TAG + "t");
    RUN.run(List.of("ip", "link", "add", FOREIGN_BRIDGE, "type", "bridge"), T);
    RUN.run(List.of("ip", "netns", "add", FOREIGN_NETNS), T);
    int pidA1 = new DnsmasqProcess(RUN, dir.resolve("network").resolve(A1.vSwitchId())).pid().orElseThrow();
    RUN.run(List.of("kill", "-s", "KILL", Integer.toString(pidA1)), T); // a crashed DHCP server

    host.reconcile(Set.of(VPC_A, VPC_B), LEASES);

    assertEquals(Set.of(VPC_A, VPC_B), Set.copyOf(host.present().vpcIds()));
    assertEquals(Set.of(A1.vSwitchId(), A2.vSwitchId(), B1.vSwitchId(), B2.vSwitchId()),
        Set.copyOf(host.present().vSwitchIds()));
    assertFalse(linkExists(NAMES.bridge(stale.vSwitchId())));
    assertFalse(Files.exists(dir.resolve("network").resolve(stale.vSwitchId())));
    assertTrue(linkExists(FOREIGN_BRIDGE), "a bridge without our marker is not ours");
    assertTrue(netnsNames().contains(FOREIGN_NETNS), "another scope's netns is not ours");
    assertEquals("ECSBOX-NET eth0 ip=10.77.1.10/24 gw=10.77.1.253", guests.dhcp(GUEST.get(A1)));
    assertTrue(guests.ping(GUEST.get(A1), "10.77.2.10"));
  }

  @Test
  @Order(5)
  void deleteRemovesEverythingOfAVpc() {
    host.deleteVSwitch(A2.vSwitchId());
    host.deleteVSwitch(A2.vSwitchId()); // idempotent
    assertFalse(linkExists(NAMES.bridge(A2.vSwitchId())));
    assertFalse(guests.pingOnce(GUEST.get(A1), "10.77.2.10"));
    host.deleteVpc(VPC_A);
    host.deleteVpc(VPC_A);
    assertFalse(netnsNames().contains(NAMES.netns(VPC_A)));
    assertFalse(linkExists(NAMES.bridge(A1.vSwitchId())));
    assertFalse(linkExists(NAMES.vethBridgeSide(A1.vSwitchId())));
    assertFalse(Files.exists(dir.resolve("network").resolve(A1.vSwitchId())));
    assertEquals(Set.of(VPC_B), Set.copyOf(host.present().vpcIds()));
    assertTrue(guests.ping(GUEST.get(B1), "10.77.2.11"), "the other VPC is untouched");
  }

  @Test
  @Order(6)
  void pruneStopsTheDhcpServersOfAnOrphanedNamespaceAndRemovesTheRest() {
    Path network = dir.resolve("network");
    java.util.Map<Path, List<Integer>> before = DnsmasqProcess.running(network);
    assertEquals(Set.of(network.resolve(B1.vSwitchId()), network.resolve(B2.vSwitchId())), before.keySet());
    // the namespace's name removed behind ecsbox's back: its DHCP servers run on in it, unnamed
    RUN.run(List.of("ip", "netns", "del", NAMES.netns(VPC_B)), T);
    RUN.run(List.of("rm", "-r", network.resolve(B1.vSwitchId()).toString()), T); // its pid file with it
    assertEquals(before, DnsmasqProcess.running(network), "still running in the orphaned namespace");

    host.prune(() -> new io.ecsbox.agent.VpcAgent.Present(Set.of(), Set.of())); // an emptied store

    assertEquals(java.util.Map.of(), DnsmasqProcess.running(network), "no DHCP server of the scope left");
    for (int pid : before.values().stream().flatMap(List::stream).toList()) {
      assertEquals(null, DnsmasqProcess.cmdlineOfLive(Path.of("/proc", Integer.toString(pid))), "process " + pid);
    }
    assertFalse(linkExists(NAMES.bridge(B1.vSwitchId())));
    assertFalse(linkExists(NAMES.bridge(B2.vSwitchId())));
    assertFalse(Files.exists(network.resolve(B1.vSwitchId())));
    assertEquals(Set.of(), Set.copyOf(host.present().vpcIds()));
    assertEquals(Set.of(), Set.copyOf(host.present().vSwitchIds()));
  }

  private static boolean linkExists(String name) {
    return RUN.runAllowingFailure(List.of("ip", "link", "show", "dev", name), T).exitCode() == 0;
  }

  private static List<String> netnsNames() {
    return RUN.run(List.of("ip", "netns", "list"), T).stdout().lines().map(l -> l.split(" ")[0]).toList();
  }
}
