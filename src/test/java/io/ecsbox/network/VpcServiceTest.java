package io.ecsbox.network;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** VPC and vSwitch rules, rows and host objects, with a fake host. */
class VpcServiceTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  @TempDir Path dir;
  private Database db;
  private VpcStore store;
  private FakeVpcAgent host;
  private FakeVSwitchNics nics;
  private VpcService svc;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    store = new VpcStore(db);
    host = new FakeVpcAgent();
    nics = new FakeVSwitchNics();
    svc = service(3);
  }

  private VpcService service(int maxVSwitches) {
    return new VpcService(store, nics, vpcId -> null, host, Set.of("local-1a", "local-1b"), maxVSwitches, () -> T0);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static String code(Executable e) {
    return TestErrors.thrown(e).code();
  }

  /** Rows and host objects, to check that a failed call changed nothing. */
  private String state() {
    return store.vpcs() + " " + store.vSwitches() + " " + host.vpcs + " " + host.vSwitches.keySet();
  }

  @Test
  void createVpcDefaultsAndIsAvailableWithItsVRouter() {
    Vpc v = svc.createVpc("acc", null, "prod", "the prod network", null, null);
    assertEquals("172.16.0.0/12", v.cidr().toString());
    assertEquals("Available", v.status());
    assertTrue(v.id().startsWith("vpc-") && v.vRouterId().startsWith("vrt-") && v.routeTableId().startsWith("vtb-"));
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), v.created());
    assertEquals(Set.of(v.id()), host.vpcs);
    assertEquals(List.of(v), svc.vpcs("acc"));
    assertEquals(List.of(), svc.vpcs("other"), "accounts see only their own VPCs");
    assertEquals("InvalidVpcId.NotFound", code(() -> svc.vpc("other", v.id())));
  }

  @Test
  void badVpcInputChangesNothing() {
    String before = state();
    assertEquals("InvalidCidrBlock.Malformed", code(() -> svc.createVpc("acc", "8.8.0.0/16", null, null, null, null)));
    assertEquals("InvalidCidrBlock.Malformed", code(() -> svc.createVpc("acc", "10.0.0.0/25", null, null, null, null)));
    assertEquals("InvalidCidrBlock.Malformed", code(() -> svc.createVpc("acc", "10.0.0.1/16", null, null, null, null)));
    assertEquals("InvalidVpcName.Malformed", code(() -> svc.createVpc("acc", null, "1bad", null, null, null)));
    assertEquals(before, state());
    assertEquals(List.of(), host.calls);
  }

  @Test
  void vSwitchCidrMustLieInsideTheVpcAndOverlapNoSibling() {
    Vpc a = svc.createVpc("acc", "10.0.0.0/16", null, null, null, null);
    Vpc b = svc.createVpc("acc", "10.0.0.0/16", null, null, null, null);
    VSwitch s1 = svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.0/24", "web", null, null, null);
    assertEquals("Available", s1.status());
    assertEquals(252, svc.availableIpAddressCount(s1), "256 minus the 4 reserved");
    String before = state();
    assertEquals("InvalidCidrBlock.Overlapped",
        code(() -> svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.128/25", null, null, null, null)));
    assertEquals("InvalidCidrBlock.Overlapped",
        code(() -> svc.createVSwitch("acc", a.id(), "local-1a", "10.0.0.0/16", null, null, null, null)));
    assertEquals("InvalidCidrBlock.Malformed",
        code(() -> svc.createVSwitch("acc", a.id(), "local-1a", "10.1.0.0/24", null, null, null, null)));
    assertEquals("InvalidCidrBlock.Malformed",
        code(() -> svc.createVSwitch("acc", a.id(), "local-1a", "10.0.2.0/30", null, null, null, null)));
    assertEquals("InvalidZoneId.NotFound",
        code(() -> svc.createVSwitch("acc", a.id(), "nowhere-1z", "10.0.2.0/24", null, null, null, null)));
    assertEquals("InvalidVpcId.NotFound",
        code(() -> svc.createVSwitch("acc", "vpc-nope", "local-1a", "10.0.2.0/24", null, null, null, null)));
    assertEquals("InvalidVpcId.NotFound",
        code(() -> svc.createVSwitch("other", a.id(), "local-1a", "10.0.2.0/24", null, null, null, null)));
    assertEquals(before, state());
    // another VPC is another routing domain: the same block is fine there
    VSwitch s2 = svc.createVSwitch("acc", b.id(), "local-1b", "10.0.1.0/24", null, null, null, null);
    assertEquals(Set.of(s1.id(), s2.id()), host.vSwitches.keySet());
  }

  @Test
  void theVSwitchLimitPerVpcIsConfigurable() {
    Vpc a = svc.createVpc("acc", "192.168.0.0/16", null, null, null, null);
    for (int i = 0; i < 3; i++) {
      svc.createVSwitch("acc", a.id(), "local-1a", "192.168." + i + ".0/24", null, null, null, null);
    }
    assertEquals("QuotaExceeded.VSwitch",
        code(() -> svc.createVSwitch("acc", a.id(), "local-1a", "192.168.9.0/24", null, null, null, null)));
    assertEquals(3, svc.vSwitches("acc").size());
    assertThrows(IllegalArgumentException.class, () -> service(0));
  }

  @Test
  void aVpcIsDeletedOnlyWhenItHasNoVSwitch() {
    Vpc a = svc.createVpc("acc", "10.0.0.0/8", null, null, null, null);
    VSwitch s = svc.createVSwitch("acc", a.id(), "local-1a", "10.1.0.0/16", null, null, null, null);
    assertEquals("DependencyViolation", code(() -> svc.deleteVpc("acc", a.id())));
    assertEquals(Set.of(a.id()), host.vpcs);
    svc.deleteVSwitch("acc", s.id());
    assertEquals(Set.of(), host.vSwitches.keySet());
    assertEquals("InvalidVSwitchId.NotFound", code(() -> svc.deleteVSwitch("acc", s.id())));
    svc.deleteVpc("acc", a.id());
    assertEquals(Set.of(), host.vpcs);
    assertEquals(List.of(), store.vpcs());
    assertEquals("InvalidVpcId.NotFound", code(() -> svc.deleteVpc("acc", a.id())));
  }

  @Test
  void aVSwitchInUseIsNotDeleted() {
    Vpc a = svc.createVpc("acc", "10.0.0.0/8", null, null, null, null);
    VSwitch s = svc.createVSwitch("acc", a.id(), "local-1a", "10.1.0.0/16", null, null, null, null);
    nics.inUse.add(s.id());
    assertEquals("DependencyViolation", code(() -> svc.deleteVSwitch("acc", s.id())));
    assertEquals(List.of(s), svc.vSwitches("acc"));
  }

  @Test
  void aHostFailureOnCreateRollsTheRowBack() {
    host.failing.add("ensureVpc");
    assertEquals("InternalError", code(() -> svc.createVpc("acc", null, null, null, null, null)));
    assertEquals(List.of(), store.vpcs());
    assertEquals(Set.of(), host.vpcs);
    host.failing.clear();
    Vpc a = svc.createVpc("acc", "10.0.0.0/16", null, null, null, null);
    host.failing.add("ensureVSwitch");
    assertEquals("InternalError", code(() -> svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.0/24", null, null, null, null)));
    assertEquals(List.of(), store.vSwitches());
    assertTrue(host.calls.contains("deleteVSwitch"), "the half-made vSwitch is removed: " + host.calls);
  }

  @Test
  void whenTheRollbackFailsTooTheRowStaysHiddenForReconcile() {
    host.failing.addAll(Set.of("ensureVpc", "deleteVpc"));
    assertEquals("InternalError", code(() -> svc.createVpc("acc", null, null, null, null, null)));
    assertEquals(List.of(), svc.vpcs("acc"));
    assertEquals(1, store.vpcs().size());
    assertTrue(store.vpcs().get(0).deleting());
    host.failing.clear();
    host.vpcs.add(store.vpcs().get(0).id()); // say the netns was half made
    svc.reconcile();
    assertEquals(List.of(), store.vpcs());
    assertEquals(Set.of(), host.vpcs);
  }

  @Test
  void aHostFailureOnDeleteKeepsTheRow() {
    Vpc a = svc.createVpc("acc", "10.0.0.0/16", null, null, null, null);
    VSwitch s = svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.0/24", null, null, null, null);
    host.failing.add("deleteVSwitch");
    assertEquals("InternalError", code(() -> svc.deleteVSwitch("acc", s.id())));
    assertEquals(List.of(s), svc.vSwitches("acc"));
    host.failing.add("deleteVpc");
    host.failing.remove("deleteVSwitch");
    svc.deleteVSwitch("acc", s.id());
    assertEquals("InternalError", code(() -> svc.deleteVpc("acc", a.id())));
    assertEquals(List.of(a), svc.vpcs("acc"));
  }

  @Test
  void reconcileRebuildsFromTheStoreAndFinishesInterruptedWork() {
    Vpc a = svc.createVpc("acc", "10.0.0.0/16", null, null, null, null);
    VSwitch s = svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.0/24", null, null, null, null);
    Vpc gone = svc.createVpc("acc", "10.0.0.0/16", null, null, null, null);
    store.setVpcDeleting(gone.id(), true); // a crash during DeleteVpc
    store.setVSwitchStatus(s.id(), "Pending"); // a crash during CreateVSwitch
    host.vpcs.clear();
    host.vSwitches.clear();
    host.vpcs.add("vpc-stale");

    svc.reconcile();
    assertEquals(Set.of(a.id()), host.vpcs);
    assertEquals(Set.of(s.id()), host.vSwitches.keySet());
    assertEquals(List.of(a.id()), store.vpcs().stream().map(Vpc::id).toList());
    assertEquals("Available", svc.vSwitch("acc", s.id()).status());
  }

  @Test
  void aClientTokenMakesCreatesIdempotent() {
    Vpc a = svc.createVpc("acc", "10.0.0.0/16", null, null, "tok-1", "h1");
    assertEquals(a.id(), svc.createVpc("acc", "10.0.0.0/16", null, null, "tok-1", "h1").id());
    assertEquals("IdempotentParameterMismatch", code(() -> svc.createVpc("acc", "10.0.0.0/16", null, null, "tok-1", "h2")));
    assertEquals(1, store.vpcs().size());
    VSwitch s = svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.0/24", null, null, "tok-1", "h3");
    assertEquals(s.id(), svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.0/24", null, null, "tok-1", "h3").id());
    assertEquals(1, store.vSwitches().size());
    host.failing.add("ensureVpc");
    code(() -> svc.createVpc("acc", null, null, null, "tok-2", "h1"));
    host.failing.clear();
    Vpc retried = svc.createVpc("acc", null, null, null, "tok-2", "h1"); // a rolled-back create kept no token
    assertEquals(Set.of(a.id(), retried.id()), Set.copyOf(store.vpcs().stream().map(Vpc::id).toList()));
  }

  @Test
  void modifyChangesNameAndDescriptionOnly() {
    Vpc a = svc.createVpc("acc", "10.0.0.0/16", "old", "d1", null, null);
    svc.modifyVpc("acc", a.id(), "new-name", null);
    assertEquals("new-name", svc.vpc("acc", a.id()).name());
    assertEquals("d1", svc.vpc("acc", a.id()).description());
    assertEquals("InvalidVpcName.Malformed", code(() -> svc.modifyVpc("acc", a.id(), "-x", null)));
    VSwitch s = svc.createVSwitch("acc", a.id(), "local-1a", "10.0.1.0/24", null, null, null, null);
    svc.modifyVSwitch("acc", s.id(), null, "frontend");
    assertEquals("frontend", svc.vSwitch("acc", s.id()).description());
  }
}
