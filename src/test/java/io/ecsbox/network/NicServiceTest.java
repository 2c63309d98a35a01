package io.ecsbox.network;

import io.ecsbox.TestErrors;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.agent.VSwitchNet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.compute.FakeAgent;
import io.ecsbox.agent.NicSpec;
import io.ecsbox.network.eip.NicTargets;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** NICs of instances and ENIs: rows, addresses, MACs and host calls, on fakes and a real store. */
class NicServiceTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final String ACC = "acc-1";
  private static final String OTHER = "acc-2";
  private static final String ZONE_A = "local-1a";
  private static final String ZONE_B = "local-1b";
  @TempDir Path dir;
  private Database db;
  private FakeVpcAgent host;
  private VpcService vpcs;
  private FakeNicGroups groups;
  private FakeNicInstances instances;
  private FakeAgent agent;
  private NicService nics;
  private VSwitch vswA; // 192.168.1.0/24 in zone A
  private VSwitch vswB; // 192.168.2.0/24 in zone B, same VPC
  private VSwitch otherVpcVsw; // 10.0.1.0/24 in zone A, another VPC
  private String sg;
  private final FakePublicIps publicIps = new FakePublicIps();
  private final List<String> released = publicIps.releasedInstances;
  private final List<String> detached = publicIps.releasedEnis;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    host = new FakeVpcAgent();
    vpcs = new VpcService(new VpcStore(db), new NicStore(db), vpcId -> null, host, Set.of(ZONE_A, ZONE_B), 24,
        () -> T0);
    groups = new FakeNicGroups(db);
    instances = new FakeNicInstances();
    agent = new FakeAgent();
    nics = new NicService(new NicStore(db), vpcs, groups, instances, publicIps, agent, new KeyedLocks(), () -> T0);
    Vpc vpc = vpcs.createVpc(ACC, "192.168.0.0/16", "prod", "", null, null);
    vswA = vpcs.createVSwitch(ACC, vpc.id(), ZONE_A, "192.168.1.0/24", "vsw-a", "", null, null);
    vswB = vpcs.createVSwitch(ACC, vpc.id(), ZONE_B, "192.168.2.0/24", "vsw-b", "", null, null);
    Vpc other = vpcs.createVpc(ACC, "10.0.0.0/16", "dev", "", null, null);
    otherVpcVsw = vpcs.createVSwitch(ACC, other.id(), ZONE_A, "10.0.1.0/24", "dev", "", null, null);
    sg = groups.add(ACC, vpc.id());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  // ---- helpers

  private static String code(Executable e) {
    return TestErrors.thrown(e).code();
  }

  private String rows(String table) {
    return db.query("SELECT * FROM " + table + " ORDER BY 1, 2", rs -> {
      ResultSetMetaData md = rs.getMetaData();
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        sb.append(rs.getString(i)).append('|');
      }
      return sb.toString();
    }).toString();
  }

  private int count(String table) {
    return db.query("SELECT COUNT(*) FROM " + table, rs -> rs.getInt(1)).get(0);
  }

  /** Every row a NIC call may touch, to check that a refused call changed nothing. */
  private String state() {
    return rows("network_interfaces") + rows("eni_security_groups") + rows("vpcs") + rows("vswitches");
  }

  private NicService.Placement at(VSwitch vs, String ip) {
    return nics.place(ACC, null, vs.id(), ip, List.of(sg), 1);
  }

  /** An instance (Running, up to {@code maxNics}) with its primary NIC in {@code vs}. */
  private NetworkInterface instance(String instanceId, VSwitch vs, String status, int maxNics) {
    instances.put(ACC, instanceId, vs.zoneId(), status, maxNics);
    NicService.Placement p = at(vs, null);
    return db.tx(c -> nics.insertPrimary(c, ACC, p, instanceId, T0));
  }

  private NetworkInterface primary(String instanceId, NicService.Placement p) {
    return db.tx(c -> nics.insertPrimary(c, ACC, p, instanceId, T0));
  }

  private NetworkInterface eni(VSwitch vs, String ip) {
    return nics.create(ACC, vs.id(), List.of(sg), ip, "eni", "an ENI");
  }

  private List<String> memberships(String eniId) {
    return db.query("SELECT sg_id FROM eni_security_groups WHERE eni_id = ? ORDER BY ordinal", rs -> rs.getString(1),
        eniId);
  }

  private void assertOurMac(String mac) {
    assertTrue(mac.matches("02:ec:b0(:[0-9a-f]{2}){3}"), mac);
  }

  // ---- placement and the default network

  @Test
  void placeWithoutVSwitchMakesTheDefaultVpcAndZoneVSwitchOnce() {
    NicService.Placement p = nics.place(OTHER, ZONE_A, null, null, List.of(), 1);
    VSwitch vs = p.vSwitch();
    assertEquals(ZONE_A, p.zoneId());
    assertEquals("172.16.0.0/20", vs.cidr().toString());
    assertTrue(vs.isDefault());
    Vpc vpc = vpcs.vpc(OTHER, vs.vpcId());
    assertEquals("172.16.0.0/12", vpc.cidr().toString());
    assertTrue(vpc.isDefault());
    assertEquals(List.of(groups.defaultGroup(OTHER, vpc.id())), p.groupIds(), "no group asked: the VPC's default");

    String before = state();
    NicService.Placement again = nics.place(OTHER, ZONE_A, null, null, List.of(), 1);
    assertEquals(vs.id(), again.vSwitch().id());
    assertEquals(before, state(), "the second launch reuses the default VPC and vSwitch");
    assertEquals(1, vpcs.vpcs(OTHER).size());

    VSwitch second = nics.place(OTHER, ZONE_B, null, null, List.of(), 1).vSwitch();
    assertNotEquals(vs.id(), second.id());
    assertEquals(vpc.id(), second.vpcId(), "one default VPC per account, a vSwitch per zone");
    assertTrue(second.isDefault());
    assertEquals(20, second.cidr().prefix());
    assertFalse(second.cidr().overlaps(vs.cidr()), second.cidr() + " overlaps " + vs.cidr());
    assertEquals(1, vpcs.vpcs(OTHER).size());
    assertEquals(2, vpcs.vSwitches(OTHER).size());
    assertEquals(second.id(), nics.place(OTHER, ZONE_B, null, null, List.of(), 1).vSwitch().id());
    assertEquals(2, vpcs.vSwitches(OTHER).size());
  }

  @Test
  void badPlacementsAreRefusedAndChangeNothing() {
    VSwitch theirs = vpcs.createVSwitch(OTHER, vpcs.createVpc(OTHER, "10.0.0.0/8", "", "", null, null).id(), ZONE_A,
        "10.1.0.0/24", "", "", null, null);
    String before = state();
    int vpcCount = count("vpcs");
    assertEquals("InvalidParameter.Conflict", code(() -> nics.place(ACC, null, vswA.id(), "192.168.1.9", List.of(sg),
        2)));
    assertEquals("MissingParameter.VSwitchId", code(() -> nics.place(ACC, ZONE_A, null, "192.168.1.9", List.of(), 1)));
    assertEquals("InvalidVSwitchId.ZoneMismatch", code(() -> nics.place(ACC, ZONE_B, vswA.id(), null, List.of(sg),
        1)));
    assertEquals("InvalidVSwitchId.NotFound", code(() -> nics.place(ACC, null, theirs.id(), null, List.of(), 1)));
    assertEquals("InvalidVSwitchId.NotFound", code(() -> nics.place(ACC, null, "vsw-nosuch", null, List.of(), 1)));
    assertEquals("InvalidSecurityGroupId.NotFound", code(() -> nics.place(ACC, ZONE_A, null, null,
        List.of("not-a-group"), 1)));
    assertEquals("InvalidPrivateIpAddress", code(() -> at(vswA, "192.168.2.5")), "outside the vSwitch");
    for (String reserved : List.of("192.168.1.0", "192.168.1.253", "192.168.1.254", "192.168.1.255")) {
      assertEquals("InvalidPrivateIpAddress", code(() -> at(vswA, reserved)), reserved);
    }
    for (String bad : List.of("192.168.1", "192.168.1.300", "abc", "", "192.168.1.5/24")) {
      assertEquals("InvalidPrivateIpAddress.Malformed", code(() -> at(vswA, bad)), bad);
    }
    assertEquals(before, state());
    assertEquals(vpcCount, count("vpcs"), "no default VPC made for a refused launch");
    assertEquals(0, count("network_interfaces"));
  }

  @Test
  void unknownGroupWithoutVSwitchMakesNoDefaultVpc() {
    String before = state();
    assertEquals("InvalidSecurityGroupId.NotFound", code(() -> nics.place(OTHER, ZONE_A, null, null,
        List.of("sg-doesnotexist"), 1)));
    assertEquals(before, state(), "a refused RunInstances leaves no default VPC/vSwitch behind");
  }

  @Test
  void badPrivateIpMakesNoDefaultGroup() {
    int made = groups.defaultsMade();
    assertEquals("InvalidPrivateIpAddress", code(() -> nics.place(ACC, null, vswA.id(), "192.168.1.255", List.of(),
        1)));
    assertEquals("InvalidPrivateIpAddress.Malformed", code(() -> nics.place(ACC, null, vswA.id(), "bad", List.of(),
        1)));
    assertEquals(made, groups.defaultsMade(), "no default security group made for a refused launch");
  }

  // ---- primary NICs

  @Test
  void primaryNicsGetTheLowestFreeAddressOrTheOneAsked() {
    NetworkInterface first = instance("i-1", vswA, "Running", 3);
    NetworkInterface second = instance("i-2", vswA, "Running", 3);
    assertEquals("192.168.1.1", first.privateIp());
    assertEquals("192.168.1.2", second.privateIp());
    NetworkInterface asked = primary("i-3", at(vswA, "192.168.1.100"));
    assertEquals("192.168.1.100", asked.privateIp());
    assertEquals(NetworkInterface.PRIMARY, first.type());
    assertEquals("InUse", first.status());
    assertEquals(0, first.deviceIndex());
    assertEquals("i-1", first.instanceId());
    assertEquals(vswA.vpcId(), first.vpcId());
    assertEquals(ZONE_A, first.zoneId());
    assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), first.created());
    assertEquals(List.of(sg), memberships(first.id()));
    assertEquals(List.of(sg), nics.groupsOf(first.id()));
    assertEquals(first, nics.get(ACC, first.id()), "the row reads back as inserted");
    assertEquals("192.168.1.3", instance("i-4", vswA, "Running", 3).privateIp(), ".100 is skipped later, not now");
  }

  @Test
  void aTakenAddressIsRefusedAndChangesNothing() {
    primary("i-1", at(vswA, "192.168.1.100"));
    NetworkInterface e = eni(vswA, "192.168.1.7");
    String before = state();
    NicService.Placement p = at(vswA, "192.168.1.100");
    assertEquals("InvalidPrivateIpAddress.Duplicated", code(() -> primary("i-2", p)));
    assertEquals("InvalidPrivateIpAddress.Duplicated", code(() -> primary("i-2", at(vswA, e.privateIp()))),
        "an ENI's address is taken even while it is detached");
    assertEquals("InvalidPrivateIpAddress.Duplicated", code(() -> eni(vswA, "192.168.1.100")));
    assertEquals(before, state());
    assertEquals(2, count("network_interfaces"));
    assertEquals(2, count("eni_security_groups"));
  }

  @Test
  void theSameAddressMayBeUsedInAnotherVSwitch() {
    NetworkInterface a = primary("i-1", at(vswA, null));
    NetworkInterface o = primary("i-2", nics.place(ACC, ZONE_A, otherVpcVsw.id(), null, List.of(),
        1));
    assertEquals("192.168.1.1", a.privateIp());
    assertEquals("10.0.1.1", o.privateIp());
    assertEquals("InvalidPrivateIpAddress", code(() -> nics.place(ACC, null, otherVpcVsw.id(), "192.168.1.1",
        List.of(), 1)));
  }

  @Test
  void planInsertsPrimariesAndRefreshesTheHostWhenCommitted() {
    var net = new io.ecsbox.compute.LaunchRequest.Network(vswA.id(), null, List.of(sg), 0);
    var plan = nics.plan(ACC, null, net, 2);
    assertEquals(ZONE_A, plan.zoneId());
    db.tx(c -> {
      plan.insert(c, ACC, "i-1", T0);
      plan.insert(c, ACC, "i-2", T0);
      return null;
    });
    int refreshes = groups.refreshes;
    host.calls.clear();
    plan.committed(List.of("i-1", "i-2"));
    assertEquals(refreshes + 1, groups.refreshes);
    assertTrue(host.calls.contains("ensureVSwitch"), "leases rewritten: " + host.calls);
    assertEquals("192.168.1.1", nics.ofInstance("i-1").get(0).privateIp());
    assertEquals("192.168.1.2", nics.ofInstance("i-2").get(0).privateIp());
    var withIp = new io.ecsbox.compute.LaunchRequest.Network(vswA.id(), null, List.of(sg), 5);
    String before = state();
    assertEquals("Forbidden.EipNotConfigured", code(() -> nics.plan(ACC, null, withIp, 1)));
    assertEquals(before, state());
  }

  @Test
  void aVSwitchDeletedAfterPlacementGetsNoNic() {
    NicService.Placement p = at(vswA, null);
    vpcs.deleteVSwitch(ACC, vswA.id()); // a concurrent DeleteVSwitch: no NIC in it yet
    String before = state();
    assertEquals("InvalidVSwitchId.NotFound", code(() -> primary("i-1", p)));
    assertEquals(before, state());
  }

  // ---- MACs

  @Test
  void macsAreOursUniqueAndFixedPerNic() {
    List<NetworkInterface> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(instance("i-" + i, i % 2 == 0 ? vswA : vswB, "Running", 3));
    }
    for (int i = 0; i < 10; i++) {
      all.add(eni(vswA, null));
    }
    Set<String> macs = new HashSet<>();
    for (NetworkInterface n : all) {
      assertOurMac(n.mac());
      assertTrue(macs.add(n.mac()), "duplicate MAC " + n.mac());
      assertEquals(MacAddresses.forNic(n.id()), n.mac(), "derived from the id (no collision here)");
      assertEquals(n.mac(), nics.get(ACC, n.id()).mac());
    }
  }

  // ---- release

  @Test
  void releasedDeletesThePrimaryFreesItsAddressAndFreesAttachedEnis() {
    NetworkInterface p = instance("i-1", vswA, "Running", 3);
    NetworkInterface e = eni(vswA, null);
    nics.attach(ACC, e.id(), "i-1");
    NetworkInterface keep = instance("i-2", vswA, "Running", 3);
    assertEquals(3, count("network_interfaces"));
    assertEquals(3, count("eni_security_groups"));

    nics.released("i-1");

    assertTrue(new NicStore(db).find(p.id()).isEmpty());
    assertEquals(List.of(), memberships(p.id()), "the primary's group rows are gone");
    assertEquals(List.of(), nics.ofInstance("i-1"));
    NetworkInterface freed = nics.get(ACC, e.id());
    assertEquals("Available", freed.status());
    assertNull(freed.instanceId());
    assertNull(freed.deviceIndex());
    assertEquals(e.mac(), freed.mac());
    assertEquals(e.privateIp(), freed.privateIp());
    assertEquals(List.of(sg), memberships(e.id()), "a detached ENI keeps its groups");
    assertEquals(keep, nics.get(ACC, keep.id()), "other instances' NICs are untouched");
    assertEquals(List.of("i-1"), released);
    assertEquals(List.of(e.id()), detached);
    assertEquals(2, count("network_interfaces"));
    assertEquals(2, count("eni_security_groups"));
    assertEquals(p.privateIp(), instance("i-3", vswA, "Running", 3).privateIp(), "the address is free again");

    String before = state();
    nics.released("i-1");
    nics.released("i-nosuch");
    assertEquals(before, state(), "releasing twice, or an instance without NICs, changes nothing");
    assertEquals(List.of("i-1", "i-1", "i-nosuch"), released);
  }

  // ---- ENIs

  @Test
  void createMakesAnAvailableEni() {
    NetworkInterface e = nics.create(ACC, vswA.id(), List.of(sg), null, "web", "front");
    assertEquals("Available", e.status());
    assertEquals(NetworkInterface.SECONDARY, e.type());
    assertNull(e.instanceId());
    assertNull(e.deviceIndex());
    assertEquals("192.168.1.1", e.privateIp());
    assertEquals("web", e.name());
    assertEquals("front", e.description());
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), e.created());
    assertOurMac(e.mac());
    assertEquals(List.of(sg), memberships(e.id()));
    NetworkInterface e2 = eni(vswA, "192.168.1.50");
    assertEquals("192.168.1.50", e2.privateIp());
    assertEquals(Set.of(e.id(), e2.id()), Set.copyOf(nics.list(ACC).stream().map(NetworkInterface::id).toList()));
    assertEquals(List.of(), nics.list(OTHER));
    assertEquals("InvalidEniId.NotFound", code(() -> nics.get(OTHER, e.id())));
  }

  @Test
  void badCreatesChangeNothing() {
    String otherSg = groups.add(ACC, otherVpcVsw.vpcId());
    String before = state();
    assertEquals("MissingParameter", code(() -> nics.create(ACC, vswA.id(), List.of(), null, null, null)));
    assertEquals("InvalidVSwitchId.NotFound", code(() -> nics.create(OTHER, vswA.id(), List.of(sg), null, null,
        null)));
    assertEquals("InvalidSecurityGroupId.VPCMismatch", code(() -> nics.create(ACC, vswA.id(), List.of(otherSg), null,
        null, null)));
    assertEquals("InvalidPrivateIpAddress", code(() -> eni(vswA, "192.168.1.255")));
    assertEquals("InvalidPrivateIpAddress", code(() -> eni(vswA, "10.0.1.5")));
    assertEquals("InvalidPrivateIpAddress.Malformed", code(() -> eni(vswA, "192.168.1.x")));
    assertEquals(before, state());
    assertEquals(0, count("network_interfaces"));
  }

  @Test
  void attachToARunningInstanceHotPlugsIt() {
    NetworkInterface p = instance("i-1", vswA, "Running", 3);
    NetworkInterface e = eni(vswA, null);
    nics.attach(ACC, e.id(), "i-1");
    NetworkInterface now = nics.get(ACC, e.id());
    assertEquals("InUse", now.status());
    assertEquals("i-1", now.instanceId());
    assertEquals(1, now.deviceIndex());
    assertEquals(List.of("attachNic i-1 " + e.mac()), agent.calls);
    assertEquals(List.of(p.id(), e.id()), nics.ofInstance("i-1").stream().map(NetworkInterface::id).toList());

    NetworkInterface e2 = eni(vswA, null);
    nics.attach(ACC, e2.id(), "i-1");
    assertEquals(2, nics.get(ACC, e2.id()).deviceIndex());
  }

  @Test
  void attachToAStoppedInstanceOnlyWritesTheRow() {
    instance("i-1", vswA, "Stopped", 3);
    NetworkInterface e = eni(vswA, null);
    nics.attach(ACC, e.id(), "i-1");
    assertEquals("InUse", nics.get(ACC, e.id()).status());
    assertEquals(List.of(), agent.calls, "plugged at the next start");
    assertEquals(2, nics.prepareStart("i-1").size());
  }

  @Test
  void attachChecksZoneVpcLimitStateAndInstance() {
    instance("i-1", vswA, "Running", 2);
    instance("i-2", vswA, "Running", 3);
    instances.put(ACC, "i-starting", ZONE_A, "Starting", 3);
    instances.put(ACC, "i-bare", ZONE_A, "Running", 3);
    instances.put(OTHER, "i-theirs", ZONE_A, "Running", 3);
    NetworkInterface inB = eni(vswB, null);
    NetworkInterface otherVpc = nics.create(ACC, otherVpcVsw.id(), List.of(groups.add(ACC, otherVpcVsw.vpcId())),
        null, null, null);
    NetworkInterface ok = eni(vswA, null);
    NetworkInterface extra = eni(vswA, null);
    nics.attach(ACC, ok.id(), "i-1");
    agent.calls.clear();
    String before = state();

    assertEquals("InvalidOperation.InvalidEniZone", code(() -> nics.attach(ACC, inB.id(), "i-2")));
    assertEquals("InvalidOperation.VpcMismatch", code(() -> nics.attach(ACC, otherVpc.id(), "i-2")));
    assertEquals("QuotaExceed.EniPerInstance", code(() -> nics.attach(ACC, extra.id(), "i-1")));
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.attach(ACC, ok.id(), "i-2")),
        "already InUse elsewhere");
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.attach(ACC, ok.id(), "i-1")),
        "already InUse here");
    assertEquals("IncorrectInstanceStatus", code(() -> nics.attach(ACC, extra.id(), "i-starting")));
    assertEquals("InvalidOperation.InstanceHasNoNetwork", code(() -> nics.attach(ACC, extra.id(), "i-bare")));
    assertEquals("InvalidInstanceId.NotFound", code(() -> nics.attach(ACC, extra.id(), "i-theirs")));
    assertEquals("InvalidInstanceId.NotFound", code(() -> nics.attach(ACC, extra.id(), "i-nosuch")));
    assertEquals("InvalidEniId.NotFound", code(() -> nics.attach(OTHER, extra.id(), "i-theirs")));
    assertEquals("InvalidEniId.NotFound", code(() -> nics.attach(ACC, "eni-nosuch", "i-2")));
    NetworkInterface primaryOf2 = nics.ofInstance("i-2").get(0);
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.attach(ACC, primaryOf2.id(), "i-1")));

    assertEquals(before, state());
    assertEquals(List.of(), agent.calls);
  }

  @Test
  void aFailedHotPlugLeavesTheEniAvailable() {
    instance("i-1", vswA, "Running", 3);
    NetworkInterface e = eni(vswA, null);
    String before = state();
    host.failing.add("ensureVSwitch"); // the lease refresh fails
    assertEquals("InternalError", code(() -> nics.attach(ACC, e.id(), "i-1")));
    assertEquals(before, state());
    assertEquals(List.of(), agent.calls);
  }

  @Test
  void detachFreesTheEniAndRefusesThePrimary() {
    NetworkInterface p = instance("i-1", vswA, "Running", 3);
    instance("i-2", vswA, "Running", 3);
    NetworkInterface e = eni(vswA, null);
    nics.attach(ACC, e.id(), "i-1");
    agent.calls.clear();
    String before = state();

    assertEquals("InvalidOperation.DetachPrimaryEniNotAllowed", code(() -> nics.detach(ACC, p.id(), "i-1")));
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.detach(ACC, e.id(), "i-2")));
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.detach(ACC, e.id(), null)));
    assertEquals("InvalidEniId.NotFound", code(() -> nics.detach(OTHER, e.id(), "i-1")));
    assertEquals(before, state());
    assertEquals(List.of(), agent.calls);
    assertEquals(List.of(), detached);

    nics.detach(ACC, e.id(), "i-1");
    NetworkInterface now = nics.get(ACC, e.id());
    assertEquals("Available", now.status());
    assertNull(now.instanceId());
    assertNull(now.deviceIndex());
    assertEquals(List.of("detachNic i-1 " + e.mac()), agent.calls);
    assertEquals(List.of(e.id()), detached);
    assertEquals(List.of(p.id()), nics.ofInstance("i-1").stream().map(NetworkInterface::id).toList());
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.detach(ACC, e.id(), "i-1")));
  }

  @Test
  void anEniKeepsItsMacAndAddressAcrossInstances() {
    instance("i-1", vswA, "Running", 3);
    instance("i-2", vswA, "Stopped", 3);
    NetworkInterface e = eni(vswA, "192.168.1.77");
    nics.attach(ACC, e.id(), "i-1");
    nics.detach(ACC, e.id(), "i-1");
    nics.attach(ACC, e.id(), "i-2");
    NetworkInterface now = nics.get(ACC, e.id());
    assertEquals("i-2", now.instanceId());
    assertEquals(e.mac(), now.mac());
    assertEquals("192.168.1.77", now.privateIp());
    NicSpec dev = nics.prepareStart("i-2").get(1);
    assertEquals(e.mac(), dev.mac());
    assertEquals("192.168.1.77", dev.ip());
    assertEquals(e.id(), dev.nicId(), "the tap (named by the host after the NIC id) follows the NIC, not the instance");
  }

  @Test
  void deleteOnlyAnAvailableEni() {
    NetworkInterface p = instance("i-1", vswA, "Running", 3);
    NetworkInterface e = eni(vswA, null);
    nics.attach(ACC, e.id(), "i-1");
    String before = state();
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.delete(ACC, e.id())));
    assertEquals("InvalidOperation.InvalidEniState", code(() -> nics.delete(ACC, p.id())));
    assertEquals("InvalidEniId.NotFound", code(() -> nics.delete(OTHER, e.id())));
    assertEquals(before, state());

    nics.detach(ACC, e.id(), "i-1");
    nics.delete(ACC, e.id());
    assertTrue(new NicStore(db).find(e.id()).isEmpty());
    assertEquals(List.of(), memberships(e.id()));
    assertEquals(1, count("network_interfaces"));
    assertEquals(1, count("eni_security_groups"));
    assertEquals(e.privateIp(), eni(vswA, null).privateIp(), "its address is free again");
    assertEquals("InvalidEniId.NotFound", code(() -> nics.delete(ACC, e.id())));
  }

  @Test
  void modifyChangesNameAndDescriptionOfTheOwnersEniOnly() {
    NetworkInterface e = eni(vswA, null);
    nics.modify(ACC, e.id(), "renamed", null);
    assertEquals("renamed", nics.get(ACC, e.id()).name());
    assertEquals("an ENI", nics.get(ACC, e.id()).description());
    String before = state();
    assertEquals("InvalidEniId.NotFound", code(() -> nics.modify(OTHER, e.id(), "x", "y")));
    assertEquals(before, state());
  }

  @Test
  void reconcileFinishesAttachmentsCutByACrash() {
    instance("i-1", vswA, "Running", 3);
    NetworkInterface attaching = eni(vswA, null);
    NetworkInterface detaching = eni(vswA, null);
    nics.attach(ACC, detaching.id(), "i-1");
    db.tx(c -> {
      NicStore.setAttachment(c, attaching.id(), "i-1", 2, "Attaching");
      NicStore.setAttachment(c, detaching.id(), "i-1", 1, "Detaching");
      return null;
    });
    nics.reconcile();
    // both are finished, not undone: the guest may already have the NIC plugged or unplugged
    NetworkInterface a = nics.get(ACC, attaching.id());
    assertEquals("InUse", a.status());
    assertEquals("i-1", a.instanceId());
    assertEquals(2, a.deviceIndex());
    NetworkInterface d = nics.get(ACC, detaching.id());
    assertEquals("Available", d.status());
    assertNull(d.instanceId());
    assertNull(d.deviceIndex());
    assertTrue(agent.calls.contains("detachNic i-1 " + d.mac()), agent.calls.toString());
  }

  @Test
  void eipTargetsAreThePrimaryOfAnInstanceOrAnEni() {
    NetworkInterface p = instance("i-1", vswA, "Running", 3);
    NetworkInterface e = eni(vswA, null);
    NicTargets targets = new NicTargets(new NicStore(db), instances);
    var t = targets.instance(ACC, "i-1");
    assertEquals(p.id(), t.eniId());
    assertEquals("i-1", t.instanceId());
    assertEquals(p.vpcId(), t.vpcId());
    assertEquals(p.privateIp(), t.privateIp());
    var te = targets.networkInterface(ACC, e.id());
    assertEquals(e.id(), te.eniId());
    assertNull(te.instanceId());
    assertEquals(e.privateIp(), te.privateIp());
    instances.put(ACC, "i-bare", ZONE_A, "Running", 3);
    assertEquals("InvalidOperation.InstanceHasNoNetwork", code(() -> targets.instance(ACC, "i-bare")));
    assertEquals("InvalidInstanceId.NotFound", code(() -> targets.instance(OTHER, "i-1")));
    assertEquals("InvalidEniId.NotFound", code(() -> targets.networkInterface(OTHER, e.id())));
  }

  // ---- what the VPC service sees of NICs

  @Test
  void availableAddressesCountNicsAndAVSwitchWithNicsCannotBeDeleted() {
    assertEquals(252, vpcs.availableIpAddressCount(vswA));
    instance("i-1", vswA, "Running", 3);
    NetworkInterface e = eni(vswA, null);
    assertEquals(250, vpcs.availableIpAddressCount(vswA), "attached or not, a NIC holds its address");
    assertEquals(252, vpcs.availableIpAddressCount(vswB));

    String before = state();
    assertEquals("DependencyViolation", code(() -> vpcs.deleteVSwitch(ACC, vswA.id())));
    assertEquals(before, state());
    assertTrue(host.vSwitches.containsKey(vswA.id()));

    nics.released("i-1");
    assertEquals(251, vpcs.availableIpAddressCount(vswA));
    assertEquals("DependencyViolation", code(() -> vpcs.deleteVSwitch(ACC, vswA.id())), "the ENI still uses it");
    nics.delete(ACC, e.id());
    assertEquals(252, vpcs.availableIpAddressCount(vswA));
    vpcs.deleteVSwitch(ACC, vswA.id());
    assertFalse(host.vSwitches.containsKey(vswA.id()));
  }

  // ---- devices for the domain

  @Test
  void prepareStartGivesTheDevicesOfTheInstance() {
    NetworkInterface p = instance("i-1", vswA, "Stopped", 3);
    NetworkInterface e = eni(vswA, null);
    nics.attach(ACC, e.id(), "i-1");
    host.calls.clear();
    int refreshes = groups.refreshes;

    List<NicSpec> devs = nics.prepareStart("i-1");

    assertEquals(List.of(p.id(), e.id()), devs.stream().map(NicSpec::nicId).toList(), "primary first");
    NicSpec d = devs.get(0);
    assertEquals(vswA.id(), d.vSwitchId());
    assertEquals(p.mac(), d.mac());
    assertEquals("192.168.1.1", d.ip());
    assertEquals(24, d.prefix());
    assertEquals("192.168.1.253", d.gateway());
    assertEquals(List.of("ensureVSwitch"), host.calls, "the vSwitch's leases, once for both NICs");
    assertEquals(refreshes + 1, groups.refreshes, "chains before taps");
    assertEquals(List.of(), nics.prepareStart("i-none"));
  }

  @Test
  void theDefaultVSwitchGivesA20AndItsGateway() {
    NicService.Placement p = nics.place(OTHER, ZONE_A, null, null, List.of(), 1);
    instances.put(OTHER, "i-d", ZONE_A, "Running", 3);
    NetworkInterface n = db.tx(c -> nics.insertPrimary(c, OTHER, p, "i-d", T0));
    assertEquals("172.16.0.1", n.privateIp());
    NicSpec d = nics.prepareStart("i-d").get(0);
    assertEquals(20, d.prefix());
    assertEquals("172.16.15.253", d.gateway());
  }
}
