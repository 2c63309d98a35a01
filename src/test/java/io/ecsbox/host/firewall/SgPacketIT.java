package io.ecsbox.host.firewall;

import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.Packet;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgEvaluator;
import io.ecsbox.agent.firewall.SgModel;
import io.ecsbox.agent.firewall.SgRandom;
import io.ecsbox.agent.firewall.SgRule;
import io.ecsbox.agent.firewall.Verdict;
import static io.ecsbox.agent.firewall.SgFixtures.in;
import static io.ecsbox.agent.firewall.SgFixtures.inFromGroup;
import static io.ecsbox.agent.firewall.SgFixtures.out;
import static io.ecsbox.agent.firewall.SgRule.Protocol.ICMP;
import static io.ecsbox.agent.firewall.SgRule.Protocol.TCP;
import static io.ecsbox.agent.firewall.SgRule.Protocol.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.common.Ids;
import io.ecsbox.agent.firewall.SgRule.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Security groups with real packets: fake VMs are network namespaces on a bridge without uplink,
 * the applier programs this host's iptables/ipset under a session-tagged prefix, and probes
 * check the table of cases, then that the kernel agrees with {@link SgEvaluator} on
 * random probes ({@code -Dsg.probes=N}, default 1000). Needs root, br_netfilter, iptables, ipset,
 * busybox and netcat-openbsd (host-setup/setup.sh installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SgPacketIT {
  static final String TAG = "t" + Ids.random(4, "abcdefghijklmnopqrstuvwxyz0123456789");
  static SgLab lab;
  static IptablesSgApplier applier;
  static SgNames names;
  static SgCompiler compiler;
  static Nic a, b, c, d, e, f;

  @BeforeAll
  static void up() {
    names = SgNames.tagged(TAG);
    applier = new IptablesSgApplier(SgLab.RUN, names);
    applier.ensureBridgeNetfilter();
    lab = new SgLab(TAG, 1 + new Random().nextInt(250));
    compiler = new SgCompiler(names, lab::tap);
    a = lab.vm(1, "sg-web");
    b = lab.vm(2, "sg-web");
    c = lab.vm(3, "sg-cli");
    d = lab.vm(4, "sg-other");
    e = lab.vm(5, "sg-ent");
    f = lab.vm(6, "sg-ent");
  }

  @AfterAll
  static void down() {
    if (Boolean.getBoolean("sg.keep")) {
      System.out.println("sg.keep: leaving lab " + TAG + " up for inspection");
      return;
    }
    try {
      if (applier != null) {
        applier.removeAll();
      }
    } finally {
      if (lab != null) {
        lab.close();
      }
    }
  }

  /** Groups: web (A, B), cli (C), other (D), ent (E, F, enterprise). */
  static SgModel model(List<SgRule> web, List<SgRule> cli, List<SgRule> other, List<SgRule> ent) {
    return new SgModel(List.of(SecurityGroup.normal("sg-web", web), SecurityGroup.normal("sg-cli", cli),
        SecurityGroup.normal("sg-other", other), SecurityGroup.enterprise("sg-ent", ent)), List.of(a, b, c, d, e, f));
  }

  static SgModel apply(SgModel m) {
    applier.apply(compiler.compile(m));
    return m;
  }

  /** Checks the kernel, and that the model says the same. */
  static void expect(SgModel m, boolean pass, Nic from, Nic to, Protocol p, int port) {
    String what = from.id() + " -> " + to.id() + " " + p + "/" + port;
    assertEquals(pass, new SgEvaluator(m).decide(Packet.between(from, to, p, port)).accepted(), "model: " + what);
    assertEquals(pass, lab.probe(from, to, p, port), "kernel: " + what);
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void acceptByPortAndProtocol() {
    SgModel m = apply(model(List.of(in("tcp", "80/80", null, null, 1), in("udp", "53/53", null, null, 1)),
        List.of(), List.of(), List.of()));
    expect(m, true, c, a, TCP, 80);
    expect(m, false, c, a, TCP, 81);
    expect(m, true, c, a, UDP, 53);
    expect(m, false, c, a, UDP, 80);
    expect(m, false, c, a, ICMP, 0);
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void dropWinsAtEqualPriorityAndLowerNumberWins() {
    SgModel tie = apply(model(List.of(in("tcp", "80/80", null, "accept", 5), in("tcp", "80/80", null, "drop", 5)),
        List.of(), List.of(), List.of()));
    expect(tie, false, c, a, TCP, 80);
    SgModel lower = apply(model(List.of(in("tcp", "80/80", null, "accept", 4), in("tcp", "80/80", null, "drop", 5),
        in("tcp", "1/65535", null, "accept", 6)), List.of(), List.of(), List.of()));
    expect(lower, true, c, a, TCP, 80);
    expect(lower, true, c, a, TCP, 81);
    SgModel reversed = apply(model(List.of(in("tcp", "80/80", null, "drop", 4), in("tcp", "80/80", null, "accept", 5)),
        List.of(), List.of(), List.of()));
    expect(reversed, false, c, a, TCP, 80);
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void sourceCidr() {
    SgModel m = apply(model(List.of(in("all", "-1/-1", c.ips().get(0) + "/32", null, 1)), List.of(), List.of(), List.of()));
    expect(m, true, c, a, TCP, 22);
    expect(m, true, c, a, ICMP, 0);
    expect(m, false, d, a, TCP, 22);
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void sourceGroupFollowsMembers() {
    List<SgRule> web = List.of(inFromGroup("tcp", "22/22", "sg-cli", null, 1));
    SgModel m = apply(model(web, List.of(), List.of(), List.of()));
    expect(m, true, c, a, TCP, 22);
    expect(m, false, d, a, TCP, 22);
    SgModel joined = apply(m.withNic(d.withGroups(List.of("sg-other", "sg-cli"))));
    expect(joined, true, d, a, TCP, 22);
    SgModel left = apply(joined.withNic(c.withGroups(List.of("sg-other"))));
    expect(left, false, c, a, TCP, 22);
    expect(left, true, d, a, TCP, 22);
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void normalMembersTalkEnterpriseMembersDoNot() {
    SgModel m = apply(model(List.of(), List.of(), List.of(), List.of()));
    expect(m, true, a, b, ICMP, 0);
    expect(m, true, a, b, TCP, 5432);
    expect(m, false, e, f, ICMP, 0);
    expect(m, false, c, a, ICMP, 0);
    SgModel closed = apply(m.withGroup(new SecurityGroup("sg-web", SecurityGroup.Type.NORMAL, false, List.of())));
    expect(closed, false, a, b, ICMP, 0);
    SgModel opened = apply(m.withGroup(SecurityGroup.enterprise("sg-ent", List.of(inFromGroup("icmp", "-1/-1", "sg-ent", null, 1)))));
    expect(opened, true, e, f, ICMP, 0);
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void egressRules() {
    SgModel m = apply(model(List.of(out("tcp", "443/443", d.ips().get(0) + "/32", "drop", 1)), List.of(),
        List.of(in("all", "-1/-1", null, null, 1)), List.of()));
    expect(m, false, a, d, TCP, 443);
    expect(m, true, a, d, TCP, 444);
    expect(m, true, c, d, TCP, 443);
  }

  @Test
  @org.junit.jupiter.api.Order(7)
  void repliesOfAllowedFlowsPass() {
    // D accepts tcp/80 and icmp but may send nothing new; C accepts nothing. Replies still flow both ways.
    SgModel m = apply(model(List.of(), List.of(), List.of(in("tcp", "80/80", null, null, 1),
        in("icmp", "-1/-1", null, null, 1), out("all", "-1/-1", null, "drop", 1)), List.of()));
    expect(m, true, c, d, TCP, 80);
    expect(m, true, c, d, ICMP, 0);
    expect(m, false, d, c, TCP, 80);
    expect(m, false, d, c, ICMP, 0);
  }

  @Test
  @org.junit.jupiter.api.Order(8)
  void spoofedSourcesAreDropped() {
    SgModel m = apply(model(List.of(), List.of(), List.of(in("all", "-1/-1", null, null, 1)), List.of()));
    expect(m, true, a, d, TCP, 80);
    String forged = lab.subnet + "99";
    lab.inNs(lab.ns(1), "ip", "addr", "add", forged + "/24", "dev", "eth0");
    try {
      assertFalse(new SgEvaluator(m).decide(new Packet(a.id(), null, forged, d.id(), d.ips().get(0), TCP, 80)).accepted());
      assertFalse(lab.probe(a, forged, d.ips().get(0), TCP, 80), "forged IP");
      assertFalse(lab.probe(a, forged, d.ips().get(0), ICMP, 0), "forged IP, icmp");
    } finally {
      lab.inNs(lab.ns(1), "ip", "addr", "del", forged + "/24", "dev", "eth0");
    }
    lab.inNs(lab.ns(1), "ip", "link", "set", "eth0", "address", "52:54:00:de:ad:01");
    try {
      assertFalse(lab.probe(a, d, TCP, 80), "forged MAC");
    } finally {
      lab.inNs(lab.ns(1), "ip", "link", "set", "eth0", "address", a.mac());
    }
    expect(m, true, a, d, TCP, 80);
  }

  @Test
  @org.junit.jupiter.api.Order(9)
  void ruleChangeTakesEffectWithinOneSecond() {
    SgModel m = apply(model(List.of(), List.of(), List.of(), List.of()));
    expect(m, false, c, a, TCP, 8080);
    long start = System.nanoTime();
    IptablesSgApplier.Report r = applier.apply(compiler.compile(
        m.withGroup(SecurityGroup.normal("sg-web", List.of(in("tcp", "8080/8080", null, null, 1))))));
    boolean ok = lab.probe(c, a, TCP, 8080);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("rule change: apply %d ms, apply + first accepted probe %d ms (%s)%n", r.millis(), ms, r);
    assertTrue(ok);
    assertTrue(ms < 1000, "took " + ms + " ms");
  }

  @Test
  @org.junit.jupiter.api.Order(20)
  void chainsDeletedBehindOurBackAreRewrittenAndNothingElseIs() {
    SgModel m = apply(model(List.of(in("tcp", "80/80", null, null, 1)), List.of(), List.of(), List.of()));
    assertFalse(applier.repairDrift(), "the host is as applied");
    expect(m, true, c, a, TCP, 80);
    String jump = "-A FORWARD -j " + names.forward();
    SgLab.RUN.run(List.of("iptables", "-D", "FORWARD", "-j", names.forward()), java.time.Duration.ofSeconds(10));
    assertFalse(SgLab.RUN.run(List.of("iptables-save", "-t", "filter"), java.time.Duration.ofSeconds(10)).stdout()
        .contains(jump), "unhooked by hand");
    assertTrue(applier.repairDrift());
    expect(m, true, c, a, TCP, 80);
    expect(m, false, c, a, TCP, 81);
    assertFalse(applier.repairDrift(), "repaired");
  }

  /**
   * DHCP is outside the model (a packet there has no source port): replies from a DHCP server
   * that is no NIC of ours (the vRouter; here fake VM 7, outside the model) reach a NIC whatever
   * its rules, and a NIC may not answer as a DHCP server, whatever the receiver's rules.
   */
  @Test
  @org.junit.jupiter.api.Order(10)
  void dhcpRepliesPassAndGuestsAreNoDhcpServers() {
    apply(model(List.of(), List.of(in("udp", "1/65535", null, null, 1)), List.of(), List.of()));
    lab.vm(7, "sg-none"); // on the bridge, outside the model: like the vRouter
    String router = lab.subnet + "7";
    assertTrue(lab.probeUdpFromPort(7, 67, a.ips().get(0), 68), "DHCP reply from the router");
    assertFalse(lab.probeUdpFromPort(7, 1067, a.ips().get(0), 68), "not from port 67: the rules decide");
    assertTrue(lab.probeUdpFromPort(4, 1067, c.ips().get(0), 68), "c takes udp from anyone");
    assertFalse(lab.probeUdpFromPort(4, 67, c.ips().get(0), 68), "but not from a guest's DHCP server port");
    assertFalse(lab.probeUdpFromPort(4, 67, router, 68), "nor towards the router");
  }

  @Test
  @org.junit.jupiter.api.Order(11)
  void kernelAgreesWithTheModel() throws Exception {
    int total = Integer.getInteger("sg.probes", 1000);
    int rounds = Math.max(1, Math.min(4, total / 50));
    Random rnd = new Random(Long.getLong("sg.seed", System.nanoTime()));
    List<Nic> vms = List.of(a, b, c, d, e, f);
    int mismatches = 0;
    int accepted = 0;
    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      for (int round = 0; round < rounds; round++) {
        SgModel m = apply(SgRandom.model(rnd, vms));
        SgEvaluator ev = new SgEvaluator(m);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < total / rounds; i++) {
          Nic from = vms.get(rnd.nextInt(vms.size()));
          Nic to = vms.get(rnd.nextInt(vms.size()));
          if (from == to) {
            to = vms.get((vms.indexOf(from) + 1) % vms.size());
          }
          Protocol p = List.of(TCP, UDP, ICMP).get(rnd.nextInt(3));
          int port = SgRandom.PORTS[rnd.nextInt(SgRandom.PORTS.length)];
          Verdict v = ev.decide(Packet.between(from, to, p, port));
          Nic src = from;
          Nic dst = to;
          results.add(pool.submit(() -> {
            boolean got = lab.probe(src, dst, p, port);
            return got == v.accepted() ? (got ? "+" : "-")
                : "MISMATCH " + src.id() + " -> " + dst.id() + " " + p + "/" + port + " kernel=" + got + " model=" + v;
          }));
        }
        for (Future<String> r : results) {
          String s = r.get();
          if (s.startsWith("MISMATCH")) {
            mismatches++;
            System.out.println(s);
          } else if (s.equals("+")) {
            accepted++;
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("kernel vs model: %d probes, %d accepted, %d mismatches%n", total / rounds * rounds, accepted,
        mismatches);
    assertEquals(0, mismatches);
  }
}
