package io.ecsbox.host.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.common.Cidr;
import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The metadata service on the real host: two VPCs with the same CIDR, namespaces standing in
 * for guests (static addresses on a vSwitch bridge), GETs with busybox wget from inside them,
 * the token PUT from a socket made inside a guest netns. Named with this run's scope tag.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetadataServiceIT {
  private static final Duration T = Duration.ofSeconds(30);
  static final String TAG = "it" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
  static final CommandRunner RUN = new CommandRunner();
  static final LinuxNames NAMES = new LinuxNames(TAG);
  static final String VPC_A = "vpc-" + TAG + "ma";
  static final String VPC_B = "vpc-" + TAG + "mb";
  static final VSwitchNet A1 = new VSwitchNet(VPC_A, "vsw-" + TAG + "ma1", Cidr.parse("10.78.1.0/24"));
  static final VSwitchNet B1 = new VSwitchNet(VPC_B, "vsw-" + TAG + "mb1", Cidr.parse("10.78.1.0/24"));
  static final List<String[]> MADE = new ArrayList<>(); // {netns, host veth}
  static Path dir;
  static IprouteVpcHost host;
  static MetadataService service;
  static final MetadataFixtures.FakeDirectory DIRECTORY = new MetadataFixtures.FakeDirectory()
      .put(VPC_A, "10.78.1.10", MetadataFixtures.guest("i-one", VPC_A, "10.78.1.10", "00:16:3e:78:00:0a", "one\n"))
      .put(VPC_A, "10.78.1.11", MetadataFixtures.guest("i-two", VPC_A, "10.78.1.11", "00:16:3e:78:00:0b", "two\n"))
      .put(VPC_B, "10.78.1.10", MetadataFixtures.guest("i-three", VPC_B, "10.78.1.10", "00:16:3e:78:00:1a", null));
  static String g1;
  static String g2;
  static String g3;
  static String g4;

  @BeforeAll
  static void setUp() throws Exception {
    dir = Files.createTempDirectory("ecsbox-metait");
    host = new IprouteVpcHost(RUN, dir.resolve("network"), NAMES);
    host.ensureVSwitch(A1);
    host.ensureVSwitch(B1);
    g1 = guest(A1, "00:16:3e:78:00:0a", "10.78.1.10");
    g2 = guest(A1, "00:16:3e:78:00:0b", "10.78.1.11");
    g3 = guest(A1, "00:16:3e:78:00:0c", "10.78.1.12"); // no instance has this address
    g4 = guest(B1, "00:16:3e:78:00:1a", "10.78.1.10"); // same address as g1, other VPC
    service = new MetadataService(DIRECTORY, RUN, NAMES::netns);
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (service != null) {
        service.close();
      }
      for (String[] g : MADE) {
        RUN.runAllowingFailure(List.of("ip", "netns", "del", g[0]), T);
        RUN.runAllowingFailure(List.of("ip", "link", "del", g[1]), T);
      }
      if (host != null) {
        host.reconcile(Set.of(), Map.of()); // this scope only
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void eachGuestGetsItsOwnInstance() {
    String home = Netns.current();
    service.ensure(VPC_A);
    service.ensure(VPC_A); // idempotent
    service.ensure(VPC_B);
    assertEquals(home, Netns.current(), "the caller never changes namespace");
    assertEquals(List.of(), netnsThreads(), "no helper thread is left");
    assertEquals(Set.of(VPC_A, VPC_B), service.serving());

    assertEquals("i-one", wget(g1, "/latest/meta-data/instance-id"));
    assertEquals("i-two", wget(g2, "/latest/meta-data/instance-id"));
    assertEquals("i-three", wget(g4, "/2016-01-01/meta-data/instance-id"), "the VPC comes from the listener");
    assertEquals("one\n", wget(g1, "/latest/user-data"));
    assertEquals("two\n", wget(g2, "/latest/user-data"));
    assertEquals("10.78.1.11", wget(g2, "/latest/meta-data/private-ipv4"));
    assertEquals("2016-01-01\nlatest", wget(g1, "/"));
    assertTrue(wgetFailure(g3, "/latest/meta-data/instance-id").contains("404"), "unknown caller");
    assertTrue(wgetFailure(g4, "/latest/user-data").contains("404"), "no user data");
  }

  @Test
  @Order(2)
  void tokenFlow() throws Exception {
    String[] put = http(g1, "PUT /latest/api/token", "X-aliyun-ecs-metadata-token-ttl-seconds: 60");
    assertEquals("200", put[0]);
    String token = put[1];
    assertEquals("i-one", wget(g1, "/latest/meta-data/instance-id", "X-aliyun-ecs-metadata-token: " + token));
    assertEquals("401", http(g2, "GET /latest/meta-data/instance-id", "X-aliyun-ecs-metadata-token: " + token)[0],
        "another instance's token");
    assertEquals("401", http(g1, "GET /latest/meta-data/instance-id", "X-aliyun-ecs-metadata-token: bad")[0]);
    assertEquals("400", http(g1, "PUT /latest/api/token")[0]);
    assertEquals("403", http(g1, "PUT /latest/api/token", "X-aliyun-ecs-metadata-token-ttl-seconds: 60",
        "X-Forwarded-For: 10.78.1.11")[0]);
    assertEquals("i-one", http(g1, "GET /latest/meta-data/instance-id", "X-aliyun-ecs-metadata-token: " + token)[1]);
  }

  @Test
  @Order(3)
  void removeClosesAndEnsureFollowsARemadeNetns() throws Exception {
    service.remove(VPC_A);
    assertTrue(wgetFailure(g1, "/latest/meta-data/instance-id").contains("can't connect"));
    assertEquals("i-three", wget(g4, "/latest/meta-data/instance-id"), "the other VPC still served");
    service.reconcile(Set.of(VPC_A, VPC_B));
    assertEquals("i-one", wget(g1, "/latest/meta-data/instance-id"));

    long before = Netns.inode(NAMES.netns(VPC_B));
    host.deleteVpc(VPC_B);
    host.ensureVSwitch(B1); // a new vRouter netns: the old listener is in the old one
    assertNotEquals(before, Netns.inode(NAMES.netns(VPC_B)));
    RUN.run(List.of("ip", "link", "set", MADE.get(3)[1], "master", host.bridgeName(B1.vSwitchId()), "up"), T);
    RUN.run(List.of("ip", "-n", g4, "neigh", "flush", "all"), T); // the new vRouter port has a new MAC
    service.ensure(VPC_B);
    assertEquals("i-three", wget(g4, "/latest/meta-data/instance-id"));
    service.reconcile(Set.of(VPC_B));
    assertEquals(Set.of(VPC_B), service.serving());
    assertTrue(wgetFailure(g1, "/latest/meta-data/instance-id").contains("can't connect"));
    assertEquals(List.of(), netnsThreads());
  }

  /** A netns "guest" with a static address on the vSwitch's bridge and the vRouter as default route. */
  private static String guest(VSwitchNet vs, String mac, String ip) {
    int n = MADE.size();
    String ns = "ecsboxit-" + TAG + "-m" + n;
    String veth = "em" + TAG + "x" + n;
    MADE.add(new String[] {ns, veth});
    RUN.run(List.of("ip", "netns", "add", ns), T);
    RUN.run(List.of("ip", "-n", ns, "link", "set", "lo", "up"), T);
    RUN.run(List.of("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns), T);
    RUN.run(List.of("ip", "-n", ns, "link", "set", "eth0", "address", mac, "up"), T);
    RUN.run(List.of("ip", "-n", ns, "addr", "add", ip + "/" + vs.cidr().prefix(), "dev", "eth0"), T);
    RUN.run(List.of("ip", "-n", ns, "route", "add", "default", "via", vs.gateway()), T);
    RUN.run(List.of("ip", "link", "set", veth, "master", host.bridgeName(vs.vSwitchId()), "up"), T);
    return ns;
  }

  private static CommandRunner.Result wgetResult(String ns, String path, String... headers) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "timeout", "10", "busybox", "wget", "-q",
        "-O", "-"));
    for (String h : headers) {
      argv.add("--header");
      argv.add(h);
    }
    argv.add("http://100.100.100.200" + path);
    return RUN.runAllowingFailure(argv, T);
  }

  private static String wget(String ns, String path, String... headers) {
    CommandRunner.Result r = wgetResult(ns, path, headers);
    assertEquals(0, r.exitCode(), () -> "wget " + path + " in " + ns + ": " + r.stderr());
    return r.stdout();
  }

  private static String wgetFailure(String ns, String path) {
    CommandRunner.Result r = wgetResult(ns, path);
    assertNotEquals(0, r.exitCode(), () -> "wget " + path + " in " + ns + " should fail: " + r.stdout());
    return r.stderr();
  }

  /** One request from a socket made inside guest netns {@code ns}: {status, body}. */
  private static String[] http(String ns, String requestLine, String... headers) throws Exception {
    return Netns.call(ns, () -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(MetadataService.ADDRESS, MetadataService.PORT), 5000);
        s.setSoTimeout(5000);
        StringBuilder req = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: 100.100.100.200\r\n");
        for (String h : headers) {
          req.append(h).append("\r\n");
        }
        s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        in.transferTo(b);
        String resp = b.toString(StandardCharsets.UTF_8);
        return new String[] {resp.split(" ", 3)[1], resp.substring(resp.indexOf("\r\n\r\n") + 4)};
      }
    });
  }

  private static List<String> netnsThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("netns-")).toList();
  }
}
