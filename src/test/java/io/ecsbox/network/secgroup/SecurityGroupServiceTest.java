package io.ecsbox.network.secgroup;

import io.ecsbox.TestErrors;
import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.host.firewall.SgCompiler;
import io.ecsbox.host.firewall.SgNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.Cidr;
import io.ecsbox.network.Vpc;
import io.ecsbox.agent.firewall.SgRule.Direction;
import io.ecsbox.store.Database;
import io.ecsbox.network.VpcStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Security groups over a real SQLite store, with a fake host. */
class SecurityGroupServiceTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final Function<String, String> TAP = id -> "t" + id.substring(4, Math.min(id.length(), 14));
  private static final SgNames NAMES = SgNames.DEFAULT;
  @TempDir Path dir;
  private Database db;
  private SecurityGroupStore store;
  private FakeFirewallAgent host;
  private SecurityGroupService svc;
  private int nicCount;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    store = new SecurityGroupStore(db);
    host = new FakeFirewallAgent(new SgCompiler(NAMES, TAP));
    svc = new SecurityGroupService(store, host, () -> T0);
    vpc("vpc-a", "acc");
    vpc("vpc-b", "acc");
    vpc("vpc-o", "other");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void vpc(String id, String account) {
    db.tx(c -> {
      VpcStore.insert(c, new Vpc(id, account, "", "", Cidr.parse("10.0.0.0/16"), "vrt-" + id, "vtb-" + id,
          "Available", false, T0, false));
      return null;
    });
  }

  /** An instance with status {@code status} and its primary NIC in {@code groups}; returns the instance id. */
  private String instance(String vpcId, String status, String... groups) {
    nicCount++;
    String inst = "i-" + nicCount;
    String eni = "eni-n" + nicCount;
    db.tx(c -> {
      Database.update(c, "INSERT INTO instances (instance_id, account_id, name, host_name, status, instance_type,"
          + " vcpus, memory_mib, image_id, zone_id, system_disk_gib, system_disk_category, serial_number, created)"
          + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", inst, "acc", "n", "h", status, "ecs.t", 1, 512, "m-1", "z",
          20, "cloud", "s", T0.toString());
      Database.update(c, "INSERT INTO network_interfaces (eni_id, account_id, vpc_id, vswitch_id, zone_id, type,"
          + " status, instance_id, device_index, mac, private_ip, created) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", eni,
          "acc", vpcId, "vsw-1", "z", "Primary", "InUse", inst, 0, String.format("00:16:3e:00:00:%02x", nicCount),
          "10.0.0." + nicCount, T0.toString());
      SecurityGroupStore.setMembership(c, eni, List.of(groups));
      return null;
    });
    return inst;
  }

  private static String code(Executable e) {
    return TestErrors.thrown(e).code();
  }

  private static RuleSpec spec(String proto, String ports, String cidr, String group, String policy, String prio) {
    return new RuleSpec(proto, ports, null, cidr, null, group, policy, prio, null, null, null);
  }

  private static RuleSpec tcp(int port) {
    return spec("tcp", port + "/" + port, "0.0.0.0/0", null, null, null);
  }

  /** Every row of ours, to check that a refused call changed nothing. */
  private String state() {
    StringBuilder sb = new StringBuilder();
    for (GroupRecord g : store.groups("acc")) {
      sb.append(g).append(store.rules(g.id())).append('\n');
    }
    return sb.append(store.memberCounts()).append(store.attachedNics()).toString();
  }

  private List<String> ingressChainOf(String instanceId) {
    String eni = "eni-n" + instanceId.substring(2);
    Nic n = svc.model().nic(eni);
    return host.last().chains().get(NAMES.ingress(n));
  }

  @Test
  void createsGroupsAndOneDefaultPerVpc() {
    String g = svc.createGroup("acc", "vpc-a", "web", "d", "enterprise", null, null);
    GroupRecord r = svc.group("acc", g);
    assertEquals(SecurityGroup.Type.ENTERPRISE, r.type());
    assertEquals("Drop", r.innerAccessPolicy());
    String d = svc.defaultGroup("acc", "vpc-a");
    assertEquals(d, svc.defaultGroup("acc", "vpc-a"));
    assertNotEquals(d, svc.defaultGroup("acc", "vpc-b"));
    GroupRecord dr = svc.group("acc", d);
    assertTrue(dr.isDefault() && dr.innerAccept() && dr.name().equals("default"));
    assertTrue(svc.rules(d).isEmpty());
    assertTrue(svc.vpcHasGroups("vpc-a") && !svc.vpcHasGroups("vpc-o"));
  }

  @Test
  void createRefusalsChangeNothing() {
    String before = state();
    assertEquals("MissingParameter", code(() -> svc.createGroup("acc", null, null, null, null, null, null)));
    assertEquals("InvalidVpcId.NotFound", code(() -> svc.createGroup("acc", "vpc-x", null, null, null, null, null)));
    assertEquals("InvalidVpcId.NotFound", code(() -> svc.createGroup("acc", "vpc-o", null, null, null, null, null)));
    assertEquals("InvalidSecurityGroupType.Malformed",
        code(() -> svc.createGroup("acc", "vpc-a", null, null, "basic", null, null)));
    assertEquals("InvalidSecurityGroupName.Malformed",
        code(() -> svc.createGroup("acc", "vpc-a", "1bad", null, null, null, null)));
    assertEquals("InvalidVpcId.NotFound", code(() -> svc.defaultGroup("acc", "vpc-o")));
    assertEquals(before, state());
  }

  @Test
  void clientTokenAnswersTheFirstGroup() {
    String a = svc.createGroup("acc", "vpc-a", "xy", null, null, "tok", "h1");
    assertEquals(a, svc.createGroup("acc", "vpc-a", "xy", null, null, "tok", "h1"));
    assertEquals("IdempotentParameterMismatch", code(() -> svc.createGroup("acc", "vpc-a", "yz", null, null, "tok", "h2")));
    assertEquals(1, svc.groups("acc").size());
  }

  @Test
  void authorizeTakesEffectAndIsIdempotent() {
    String g = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String i = instance("vpc-a", "Running", g);
    svc.refresh();
    svc.authorize("acc", g, Direction.INGRESS, List.of(tcp(22), spec("icmp", "-1/-1", "10.1.0.0/16", null, "drop", "5")));
    assertEquals(2, svc.rules(g).size());
    List<String> chain = ingressChainOf(i);
    assertTrue(chain.contains("-p tcp -m tcp --dport 22 -j ACCEPT"), chain.toString());
    assertTrue(chain.contains("-s 10.1.0.0/16 -p icmp -j DROP"), chain.toString());
    assertTrue(chain.contains("-p udp -m udp --sport 67 --dport 68 -j ACCEPT"), "DHCP replies pass");
    int applies = host.applied.size();
    svc.authorize("acc", g, Direction.INGRESS, List.of(tcp(22)));
    assertEquals(2, svc.rules(g).size());
    assertEquals(applies, host.applied.size(), "nothing new, nothing applied");
    svc.authorize("acc", g, Direction.EGRESS, List.of(tcp(22)));
    assertEquals(3, svc.rules(g).size(), "the same rule in the other direction is another rule");
  }

  @Test
  void badRulesChangeNothing() {
    String g = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String e = svc.createGroup("acc", "vpc-a", null, null, "enterprise", null, null);
    String otherVpc = svc.createGroup("acc", "vpc-b", null, null, null, null, null);
    String foreign = svc.createGroup("other", "vpc-o", null, null, null, null, null);
    svc.authorize("acc", g, Direction.INGRESS, List.of(tcp(22)));
    String before = state();
    Direction in = Direction.INGRESS;
    assertEquals("InvalidPortRange.Malformed", code(() -> svc.authorize("acc", g, in,
        List.of(tcp(80), spec("tcp", "80/22", "0.0.0.0/0", null, null, null)))));
    assertEquals("InvalidPriority.Malformed", code(() -> svc.authorize("acc", g, in,
        List.of(spec("tcp", "1/2", "0.0.0.0/0", null, null, "0")))));
    assertEquals("InvalidPriority.Malformed", code(() -> svc.authorize("acc", g, in,
        List.of(spec("tcp", "1/2", "0.0.0.0/0", null, null, "101")))));
    assertEquals("InvalidIpProtocol.Malformed", code(() -> svc.authorize("acc", g, in,
        List.of(spec("sctp", "1/2", "0.0.0.0/0", null, null, null)))));
    assertEquals("MissingParameter", code(() -> svc.authorize("acc", g, in,
        List.of(spec("tcp", "1/2", null, null, null, null)))));
    assertEquals("InvalidSourceGroupId.NotFound", code(() -> svc.authorize("acc", g, in,
        List.of(tcp(80), spec("tcp", "1/2", null, "sg-nope", null, null)))));
    assertEquals("InvalidSourceGroupId.NotFound", code(() -> svc.authorize("acc", g, in,
        List.of(spec("tcp", "1/2", null, foreign, null, null)))));
    assertEquals("InvalidDestGroupId.Mismatch", code(() -> svc.authorize("acc", g, Direction.EGRESS,
        List.of(spec("tcp", "1/2", null, otherVpc, null, null)))));
    assertEquals("InvalidGroupParameter.OperationDenied", code(() -> svc.authorize("acc", e, in,
        List.of(spec("tcp", "1/2", "0.0.0.0/0", null, "drop", null)))));
    assertEquals("InvalidGroupParameter.OperationDenied", code(() -> svc.authorize("acc", e, in,
        List.of(spec("tcp", "1/2", null, g, null, null)))));
    assertEquals("InvalidGroupAuthParameter.OperationDenied", code(() -> svc.authorize("acc", g, in,
        List.of(spec("tcp", "1/2", null, e, null, null)))));
    assertEquals("InvalidParam.DuplicatePermissions", code(() -> svc.authorize("acc", g, in,
        List.of(tcp(80), tcp(80)))));
    assertEquals("InvalidParameter.NotSupported", code(() -> svc.authorize("acc", g, in,
        List.of(new RuleSpec("tcp", "1/2", "1000/2000", "0.0.0.0/0", null, null, null, null, null, null, null)))));
    assertEquals("InvalidParameter.NotSupported", code(() -> svc.authorize("acc", g, in,
        List.of(new RuleSpec("tcp", "1/2", null, "0.0.0.0/0", "10.0.0.1/32", null, null, null, null, null, null)))));
    assertEquals("InvalidNicType.ValueNotSupported", code(() -> svc.authorize("acc", g, in,
        List.of(new RuleSpec("tcp", "1/2", null, "0.0.0.0/0", null, null, null, null, "internet", null, null)))));
    assertEquals("InvalidSecurityGroupId.NotFound", code(() -> svc.authorize("acc", foreign, in, List.of(tcp(1)))));
    List<RuleSpec> many = new ArrayList<>();
    for (int p = 1; p <= SecurityGroup.MAX_RULES; p++) {
      many.add(tcp(1000 + p));
    }
    assertEquals("AuthorizationLimitExceed", code(() -> svc.authorize("acc", g, in, many)));
    assertEquals(before, state());
    // a group may name itself, and the CIDR wins over a group
    svc.authorize("acc", g, in, List.of(spec("all", "-1/-1", null, g, null, null),
        spec("tcp", "5/5", "10.0.0.0/8", "sg-nope", null, null)));
    assertEquals(3, svc.rules(g).size());
  }

  @Test
  void revokeBySpecAndById() {
    String g = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    svc.authorize("acc", g, Direction.INGRESS, List.of(tcp(22), tcp(80), tcp(443)));
    svc.authorize("acc", g, Direction.EGRESS, List.of(tcp(25)));
    svc.revoke("acc", g, Direction.INGRESS, List.of(tcp(22), tcp(9999)), List.of());
    assertEquals(3, svc.rules(g).size());
    svc.revoke("acc", g, Direction.INGRESS, List.of(spec("tcp", "80/80", "0.0.0.0/0", null, "drop", null)), List.of());
    assertEquals(3, svc.rules(g).size(), "another policy is another rule");
    RuleRecord egress = svc.rules(g).stream().filter(r -> r.direction().equals("egress")).findFirst().orElseThrow();
    String before = state();
    assertEquals("InvalidSecurityGroupRuleId.NotFound",
        code(() -> svc.revoke("acc", g, Direction.INGRESS, List.of(), List.of(egress.id()))));
    assertEquals("InvalidSecurityGroupRuleId.NotFound",
        code(() -> svc.revoke("acc", g, Direction.EGRESS, List.of(), List.of(egress.id(), "sgr-nope"))));
    assertEquals(before, state());
    svc.revoke("acc", g, Direction.EGRESS, List.of(), List.of(egress.id()));
    assertEquals(2, svc.rules(g).size());
  }

  @Test
  void deleteRefusedWhileUsedOrReferenced() {
    String g = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String h = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String d = svc.defaultGroup("acc", "vpc-a");
    svc.authorize("acc", h, Direction.INGRESS, List.of(spec("all", "-1/-1", null, g, null, null)));
    svc.authorize("acc", g, Direction.INGRESS, List.of(spec("all", "-1/-1", null, g, null, null)));
    String i = instance("vpc-a", "Running", d);
    String before = state();
    assertEquals("DependencyViolation", code(() -> svc.deleteGroup("acc", g)));
    assertEquals("DependencyViolation", code(() -> svc.deleteGroup("acc", d)));
    assertEquals(before, state());
    svc.deleteGroup("acc", h);
    svc.deleteGroup("acc", g); // its own rule naming itself is no dependency
    svc.join("acc", svc.createGroup("acc", "vpc-a", null, null, null, null, null), i, null);
    svc.leave("acc", d, i, null);
    svc.deleteGroup("acc", d);
    assertEquals(1, svc.groups("acc").size());
    assertEquals("InvalidSecurityGroupId.NotFound", code(() -> svc.deleteGroup("acc", d)));
  }

  @Test
  void innerAccessPolicy() {
    String g = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String e = svc.createGroup("acc", "vpc-a", null, null, "enterprise", null, null);
    String i = instance("vpc-a", "Running", g);
    svc.refresh();
    assertTrue(ingressChainOf(i).stream().anyMatch(l -> l.contains("--match-set")));
    svc.modifyPolicy("acc", g, "drop");
    assertFalse(ingressChainOf(i).stream().anyMatch(l -> l.contains("--match-set")));
    assertEquals("Drop", svc.group("acc", g).innerAccessPolicy());
    assertEquals("InvalidGroupParameter.OperationDenied", code(() -> svc.modifyPolicy("acc", e, "Accept")));
    assertEquals("InvalidParameter", code(() -> svc.modifyPolicy("acc", g, "Maybe")));
    svc.modifyPolicy("acc", e, "Drop");
  }

  @Test
  void checkForNic() {
    String a = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String e = svc.createGroup("acc", "vpc-a", null, null, "enterprise", null, null);
    String b = svc.createGroup("acc", "vpc-b", null, null, null, null, null);
    List<String> six = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      six.add(svc.createGroup("acc", "vpc-a", null, null, null, null, null));
    }
    assertEquals(List.of(a), svc.checkForNic("acc", "vpc-a", List.of(a)));
    assertEquals(six.subList(0, 5), svc.checkForNic("acc", "vpc-a", six.subList(0, 5)));
    assertEquals("InstanceSecurityGroupLimitExceeded", code(() -> svc.checkForNic("acc", "vpc-a", six)));
    assertEquals("MissingParameter", code(() -> svc.checkForNic("acc", "vpc-a", List.of())));
    assertEquals("InvalidParameter", code(() -> svc.checkForNic("acc", "vpc-a", List.of(a, a))));
    assertEquals("InvalidSecurityGroupId.VPCMismatch", code(() -> svc.checkForNic("acc", "vpc-a", List.of(a, b))));
    assertEquals("InvalidSecurityGroup.TypeMismatch", code(() -> svc.checkForNic("acc", "vpc-a", List.of(a, e))));
    assertEquals("InvalidSecurityGroupId.NotFound", code(() -> svc.checkForNic("other", "vpc-a", List.of(a))));
  }

  @Test
  void joinAndLeave() {
    String a = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String b = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String e = svc.createGroup("acc", "vpc-a", null, null, "enterprise", null, null);
    String far = svc.createGroup("acc", "vpc-b", null, null, null, null, null);
    String i = instance("vpc-a", "Running", a);
    String starting = instance("vpc-a", "Starting", a);
    String before = state();
    assertEquals("InvalidInstanceId.AlreadyExists", code(() -> svc.join("acc", a, i, null)));
    assertEquals("InvalidInstanceId.Mismatch", code(() -> svc.join("acc", far, i, null)));
    assertEquals("InvalidSecurityGroup.TypeMismatch", code(() -> svc.join("acc", e, i, null)));
    assertEquals("IncorrectInstanceStatus", code(() -> svc.join("acc", b, starting, null)));
    assertEquals("InvalidParam.EniIdAndInstanceId.Conflict", code(() -> svc.join("acc", b, i, "eni-n1")));
    assertEquals("MissingParameter", code(() -> svc.join("acc", b, null, null)));
    assertEquals("InvalidInstanceId.NotFound", code(() -> svc.join("acc", b, "i-nope", null)));
    assertEquals("InvalidEniId.NotFound", code(() -> svc.join("acc", b, null, "eni-nope")));
    assertEquals("InvalidSecurityGroupId.NotFound", code(() -> svc.join("acc", "sg-nope", i, null)));
    assertEquals("InstanceLastSecurityGroup", code(() -> svc.leave("acc", a, i, null)));
    assertEquals("InvalidSecurityGroupAssociation.NotFound", code(() -> svc.leave("acc", b, i, null)));
    assertEquals(before, state());
    svc.join("acc", b, null, "eni-n1");
    assertEquals(List.of(a, b), svc.model().nic("eni-n1").groupIds());
    for (int n = 0; n < 3; n++) {
      svc.join("acc", svc.createGroup("acc", "vpc-a", null, null, null, null, null), i, null);
    }
    String sixth = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    assertEquals("InstanceSecurityGroupLimitExceeded", code(() -> svc.join("acc", sixth, i, null)));
    svc.leave("acc", a, i, null);
    assertEquals(4, svc.model().nic("eni-n1").groupIds().size());
    assertFalse(svc.model().nic("eni-n1").groupIds().contains(a));
  }

  @Test
  void refreshRecompilesOnlyWhatChanged() {
    String a = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String b = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    String ia = instance("vpc-a", "Running", a);
    String ib = instance("vpc-a", "Running", b);
    svc.refresh();
    List<String> chainB = ingressChainOf(ib);
    List<String> chainA = ingressChainOf(ia);
    svc.authorize("acc", a, Direction.INGRESS, List.of(tcp(22)));
    assertSame(chainB, ingressChainOf(ib), "the other group's NIC is not recompiled");
    assertNotSame(chainA, ingressChainOf(ia));
  }

  @Test
  void reconcileChecksTheBridgeAndRewritesAll() {
    String a = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    instance("vpc-a", "Stopped", a);
    svc.reconcile();
    assertTrue(host.bridgeChecked);
    assertEquals(1, host.reconciles);
    assertEquals(1, svc.model().nics().size());
  }

  @Test
  void aHostFailureIsReportedAndTheNextRefreshRepairs() {
    String a = svc.createGroup("acc", "vpc-a", null, null, null, null, null);
    instance("vpc-a", "Running", a);
    host.failWith = new IllegalStateException("iptables-restore: boom");
    assertEquals("InternalError", code(() -> svc.authorize("acc", a, Direction.INGRESS, List.of(tcp(22)))));
    assertEquals(1, svc.rules(a).size(), "the rule is saved");
    host.failWith = null;
    svc.refresh();
    assertTrue(host.last().renderIptablesAll().contains("--dport 22 -j ACCEPT"));
  }
}
