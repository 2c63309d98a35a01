package io.ecsbox.host.firewall;

import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgModel;
import io.ecsbox.agent.firewall.SgFixtures;
import io.ecsbox.agent.firewall.SgRandom;
import static io.ecsbox.agent.firewall.SgFixtures.in;
import static io.ecsbox.agent.firewall.SgFixtures.inFromGroup;
import static io.ecsbox.agent.firewall.SgFixtures.nic;
import static io.ecsbox.agent.firewall.SgFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SgCompilerTest {
  private static final String IPTABLES = """
        *filter
        :ECSBOX-FWD - [0:0]
        :ECSBOX-TO - [0:0]
        :ECSBOX-PASS - [0:0]
        :ECSBOX-O-e1a76237f793 - [0:0]
        :ECSBOX-I-e1a76237f793 - [0:0]
        :ECSBOX-S-71dbc70aed96 - [0:0]
        :ECSBOX-O-71dbc70aed96 - [0:0]
        :ECSBOX-I-71dbc70aed96 - [0:0]
        -A ECSBOX-FWD -m physdev --physdev-in t-a --physdev-is-bridged -m comment --comment eni-a -j ECSBOX-O-e1a76237f793
        -A ECSBOX-FWD -m physdev --physdev-in t-b --physdev-is-bridged -m comment --comment eni-b -j ECSBOX-O-71dbc70aed96
        -A ECSBOX-FWD -j ECSBOX-TO
        -A ECSBOX-TO -m physdev --physdev-out t-a --physdev-is-bridged -m comment --comment eni-a -j ECSBOX-I-e1a76237f793
        -A ECSBOX-TO -m physdev --physdev-out t-b --physdev-is-bridged -m comment --comment eni-b -j ECSBOX-I-71dbc70aed96
        -A ECSBOX-PASS -j ECSBOX-TO
        -A ECSBOX-PASS -j ACCEPT
        -A ECSBOX-O-e1a76237f793 -m mac ! --mac-source 52:54:00:00:00:01 -j DROP
        -A ECSBOX-O-e1a76237f793 -p udp -m udp --sport 67 -j DROP
        -A ECSBOX-O-e1a76237f793 -s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --dport 67 -j ECSBOX-PASS
        -A ECSBOX-O-e1a76237f793 ! -s 10.7.0.1/32 -j DROP
        -A ECSBOX-O-e1a76237f793 -m conntrack --ctstate RELATED,ESTABLISHED -j ECSBOX-PASS
        -A ECSBOX-O-e1a76237f793 -d 100.100.100.200/32 -p tcp -m tcp --dport 80 -j ECSBOX-PASS
        -A ECSBOX-O-e1a76237f793 -d 192.168.0.0/16 -j DROP
        -A ECSBOX-O-e1a76237f793 -j ECSBOX-PASS
        -A ECSBOX-I-e1a76237f793 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A ECSBOX-I-e1a76237f793 -p udp -m udp --sport 67 --dport 68 -j ACCEPT
        -A ECSBOX-I-e1a76237f793 -m set --match-set esg-7381a3e008a6 src -p udp -m udp --dport 5000:5010 -j ACCEPT
        -A ECSBOX-I-e1a76237f793 -s 10.9.0.0/16 -p tcp -m tcp -j DROP
        -A ECSBOX-I-e1a76237f793 -p tcp -m tcp --dport 80 -j ACCEPT
        -A ECSBOX-I-e1a76237f793 -m set --match-set esg-619027e50d0c src -j ACCEPT
        -A ECSBOX-I-e1a76237f793 -j DROP
        -A ECSBOX-S-71dbc70aed96 -s 10.7.0.2/32 -j RETURN
        -A ECSBOX-S-71dbc70aed96 -s 10.7.0.20/32 -j RETURN
        -A ECSBOX-S-71dbc70aed96 -j DROP
        -A ECSBOX-O-71dbc70aed96 -m mac ! --mac-source 52:54:00:00:00:02 -j DROP
        -A ECSBOX-O-71dbc70aed96 -p udp -m udp --sport 67 -j DROP
        -A ECSBOX-O-71dbc70aed96 -s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --dport 67 -j ECSBOX-PASS
        -A ECSBOX-O-71dbc70aed96 -j ECSBOX-S-71dbc70aed96
        -A ECSBOX-O-71dbc70aed96 -m conntrack --ctstate RELATED,ESTABLISHED -j ECSBOX-PASS
        -A ECSBOX-O-71dbc70aed96 -d 100.100.100.200/32 -p tcp -m tcp --dport 80 -j ECSBOX-PASS
        -A ECSBOX-O-71dbc70aed96 -j ECSBOX-PASS
        -A ECSBOX-I-71dbc70aed96 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A ECSBOX-I-71dbc70aed96 -p udp -m udp --sport 67 --dport 68 -j ACCEPT
        -A ECSBOX-I-71dbc70aed96 -p icmp -j ACCEPT
        -A ECSBOX-I-71dbc70aed96 -j DROP
        -I FORWARD 1 -j ECSBOX-FWD
        COMMIT
        """;

  private static final String IPSET = """
        create esg-619027e50d0c hash:ip family inet
        create esg-619027e50d0c-n hash:ip family inet
        flush esg-619027e50d0c-n
        add esg-619027e50d0c-n 10.7.0.1
        swap esg-619027e50d0c-n esg-619027e50d0c
        destroy esg-619027e50d0c-n
        create esg-7381a3e008a6 hash:ip family inet
        create esg-7381a3e008a6-n hash:ip family inet
        flush esg-7381a3e008a6-n
        add esg-7381a3e008a6-n 10.7.0.2
        add esg-7381a3e008a6-n 10.7.0.20
        swap esg-7381a3e008a6-n esg-7381a3e008a6
        destroy esg-7381a3e008a6-n
        """;

  static SgModel sample() {
    SecurityGroup web = SecurityGroup.normal("sg-web", List.of(
        in("tcp", "80/80", "0.0.0.0/0", "accept", 10),
        in("tcp", "1/65535", "10.9.0.0/16", "drop", 10),
        inFromGroup("udp", "5000/5010", "sg-db", null, 1),
        out("all", "-1/-1", "192.168.0.0/16", "drop", 3)));
    SecurityGroup db = SecurityGroup.enterprise("sg-db", List.of(in("icmp", "-1/-1", null, null, 1)));
    Nic a = nic("eni-a", 1, "sg-web");
    Nic b = new Nic("eni-b", "52:54:00:00:00:02", List.of("10.7.0.2", "10.7.0.20"), List.of("sg-db"));
    return new SgModel(List.of(web, db), List.of(a, b));
  }

  @Test
  void golden() {
    SgProgram p = new SgCompiler(SgNames.DEFAULT, SgFixtures::tap).compile(sample());
    assertEquals(IPTABLES, p.renderIptablesAll());
    assertEquals(IPSET, p.renderIpsetAll());
  }

  @Test
  void partialRenderDeclaresStaleChainsAndDeletesThem() {
    SgProgram p = new SgCompiler(SgNames.DEFAULT, SgFixtures::tap).compile(sample());
    String text = p.renderIptables(List.of("ECSBOX-TO"), List.of("ECSBOX-I-gone"), false);
    assertEquals("*filter\n:ECSBOX-TO - [0:0]\n:ECSBOX-I-gone - [0:0]\n"
        + "-A ECSBOX-TO -m physdev --physdev-out t-a --physdev-is-bridged -m comment --comment eni-a -j ECSBOX-I-e1a76237f793\n"
        + "-A ECSBOX-TO -m physdev --physdev-out t-b --physdev-is-bridged -m comment --comment eni-b -j ECSBOX-I-71dbc70aed96\n"
        + "-X ECSBOX-I-gone\nCOMMIT\n", text);
  }

  @Test
  void reusedCompilerMatchesFreshOneAcrossChanges() {
    SgCompiler reused = new SgCompiler(SgNames.DEFAULT, SgFixtures::tap);
    List<Nic> vms = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      vms.add(nic("eni-v" + i, i, "sg-r1"));
    }
    Random rnd = new Random(7);
    SgModel m = SgRandom.model(rnd, vms);
    for (int step = 0; step < 300; step++) {
      SgModel next = switch (rnd.nextInt(4)) {
        case 0 -> SgRandom.model(rnd, vms); // everything may change
        case 1 -> { // one group's rules change
          SgModel other = SgRandom.model(rnd, vms);
          List<SecurityGroup> gs = new ArrayList<>(other.groups());
          yield m.withGroup(gs.get(rnd.nextInt(gs.size())));
        }
        case 2 -> { // one NIC moves or gains an IP
          Nic n = vms.get(rnd.nextInt(vms.size()));
          boolean present = m.nics().stream().anyMatch(x -> x.id().equals(n.id()));
          yield present && rnd.nextBoolean() ? m.withoutNic(n.id())
              : m.withNic(new Nic(n.id(), n.mac(), List.of(n.ips().get(0), "10.8.0." + (1 + rnd.nextInt(200))),
                  List.of("sg-r1")));
        }
        default -> m.withNic(vms.get(rnd.nextInt(vms.size())).withGroups(
            m.nics().isEmpty() ? List.of("sg-r2") : m.nics().iterator().next().groupIds()));
      };
      m = next;
      SgProgram fresh = new SgCompiler(SgNames.DEFAULT, SgFixtures::tap).compile(m);
      SgProgram again = reused.compile(m);
      assertEquals(fresh.renderIptablesAll(), again.renderIptablesAll(), "step " + step);
      assertEquals(fresh.renderIpsetAll(), again.renderIpsetAll(), "step " + step);
    }
  }

  @Test
  void ruleChangeRecompilesOnlyTheGroupsNics() {
    SgCompiler c = new SgCompiler(SgNames.DEFAULT, SgFixtures::tap);
    SgModel m = sample();
    SgProgram before = c.compile(m);
    SgProgram after = c.compile(m.withGroup(m.group("sg-db").withRules(List.of(in("tcp", "22/22", null, null, 1)))));
    assertSame(before.chains().get("ECSBOX-I-e1a76237f793"), after.chains().get("ECSBOX-I-e1a76237f793"));
    assertNotEquals(before.chains().get("ECSBOX-I-71dbc70aed96"), after.chains().get("ECSBOX-I-71dbc70aed96"));
  }

  @Test
  void namesFitKernelLimits() {
    SgNames t = SgNames.tagged("zz999");
    Nic n = nic("eni-" + "x".repeat(20), 9, "sg-a");
    assertTrue(t.ingress(n).length() <= 28, t.ingress(n));
    assertTrue(t.sourceCheck(n).length() <= 28);
    assertTrue(t.scratchSet(t.set("sg-" + "y".repeat(20))).length() <= 31);
    assertTrue(!SgNames.DEFAULT.ownsChain(t.forward()) && !SgNames.DEFAULT.ownsSet(t.set("sg-a")));
  }
}
