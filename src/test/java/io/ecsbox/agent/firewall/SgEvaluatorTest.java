package io.ecsbox.agent.firewall;

import static io.ecsbox.agent.firewall.SgFixtures.in;
import static io.ecsbox.agent.firewall.SgFixtures.inFromGroup;
import static io.ecsbox.agent.firewall.SgFixtures.nic;
import static io.ecsbox.agent.firewall.SgFixtures.out;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.agent.firewall.SgRule.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgEvaluatorTest {
  private final Nic a = nic("eni-a", 1, "sg-web");
  private final Nic b = nic("eni-b", 2, "sg-web");
  private final Nic c = nic("eni-c", 3, "sg-other");

  private static boolean ok(SgModel m, Nic from, Nic to, Protocol p, int port) {
    return new SgEvaluator(m).decide(Packet.between(from, to, p, port)).accepted();
  }

  private SgModel model(List<SgRule> web, List<SgRule> other) {
    return new SgModel(List.of(SecurityGroup.normal("sg-web", web), SecurityGroup.normal("sg-other", other)),
        List.of(a, b, c));
  }

  @Test
  void ingressDefaultDropAndAcceptByPortAndProtocol() {
    SgModel m = model(List.of(in("tcp", "80/80", "0.0.0.0/0", "accept", 1)), List.of());
    assertTrue(ok(m, c, a, Protocol.TCP, 80));
    assertFalse(ok(m, c, a, Protocol.TCP, 81));
    assertFalse(ok(m, c, a, Protocol.UDP, 80));
    assertFalse(ok(m, a, c, Protocol.TCP, 80));
  }

  @Test
  void dropWinsAtEqualPriorityAndLowerNumberWins() {
    SgModel tie = model(List.of(in("tcp", "80/80", null, "accept", 5), in("tcp", "80/80", null, "drop", 5)), List.of());
    assertFalse(ok(tie, c, a, Protocol.TCP, 80));
    SgModel lower = model(List.of(in("tcp", "80/80", null, "accept", 4), in("tcp", "1/65535", null, "drop", 5)), List.of());
    assertTrue(ok(lower, c, a, Protocol.TCP, 80));
    assertFalse(ok(lower, c, a, Protocol.TCP, 81));
  }

  @Test
  void membersTalkInNormalGroupsUnlessDropped() {
    SgModel m = model(List.of(), List.of());
    assertTrue(ok(m, a, b, Protocol.UDP, 53));
    assertFalse(ok(m, c, b, Protocol.UDP, 53));
    SgModel dropRule = model(List.of(in("udp", "53/53", null, "drop", 100)), List.of());
    assertFalse(ok(dropRule, a, b, Protocol.UDP, 53));
    SgModel closed = new SgModel(List.of(new SecurityGroup("sg-web", SecurityGroup.Type.NORMAL, false, List.of()),
        SecurityGroup.normal("sg-other", List.of())), List.of(a, b, c));
    assertFalse(ok(closed, a, b, Protocol.UDP, 53));
  }

  @Test
  void enterpriseMembersAreIsolatedUnlessAccepted() {
    SgModel m = new SgModel(List.of(SecurityGroup.enterprise("sg-web", List.of()), SecurityGroup.normal("sg-other",
        List.of())), List.of(a, b, c));
    assertFalse(ok(m, a, b, Protocol.ICMP, 0));
    SgModel ok = m.withGroup(SecurityGroup.enterprise("sg-web", List.of(inFromGroup("icmp", "-1/-1", "sg-web", null, 1))));
    assertTrue(ok(ok, a, b, Protocol.ICMP, 0));
  }

  @Test
  void sourceGroupFollowsMembership() {
    SecurityGroup web = SecurityGroup.normal("sg-web", List.of(inFromGroup("tcp", "22/22", "sg-other", null, 1)));
    Nic d = nic("eni-d", 4, "sg-x");
    SgModel m = new SgModel(List.of(web, SecurityGroup.normal("sg-other", List.of()), SecurityGroup.normal("sg-x",
        List.of())), List.of(a, b, c, d));
    assertTrue(ok(m, c, a, Protocol.TCP, 22));
    assertFalse(ok(m, c, a, Protocol.TCP, 23));
    assertFalse(ok(m, d, a, Protocol.TCP, 22));
    SgModel joined = m.withNic(d.withGroups(List.of("sg-other")));
    assertTrue(ok(joined, d, a, Protocol.TCP, 22));
    SgModel left = joined.withNic(c.withGroups(List.of("sg-x")));
    assertFalse(ok(left, c, a, Protocol.TCP, 22));
  }

  @Test
  void egressRulesAndSpoofing() {
    SgModel m = model(List.of(out("tcp", "443/443", "10.7.0.3/32", "drop", 1)), List.of(in("all", "-1/-1", null, null, 1)));
    assertFalse(ok(m, a, c, Protocol.TCP, 443));
    assertTrue(ok(m, a, c, Protocol.TCP, 444));
    SgEvaluator e = new SgEvaluator(m);
    assertFalse(e.decide(new Packet("eni-a", null, "10.7.0.99", "eni-c", "10.7.0.3", Protocol.ICMP, 0)).accepted());
    assertFalse(e.decide(new Packet("eni-a", "52:54:00:de:ad:00", "10.7.0.1", "eni-c", "10.7.0.3", Protocol.ICMP, 0))
        .accepted());
    assertTrue(e.decide(new Packet("eni-a", null, "0.0.0.0", null, "255.255.255.255", Protocol.UDP, 67)).accepted());
  }
}
