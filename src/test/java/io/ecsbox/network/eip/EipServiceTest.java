package io.ecsbox.network.eip;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** EIP rules, rows and host mappings: the state machine with a fake host and a real SQLite store. */
class EipServiceTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final EipConfig CONFIG = EipConfig.of("198.51.100.0/24", "br-pub", "198.51.100.1");
  @TempDir Path dir;
  private Database db;
  private EipStore store;
  private FakeEipAgent host;
  private FakeEipTargets targets;
  private EipService svc;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    store = new EipStore(db);
    host = new FakeEipAgent();
    targets = new FakeEipTargets();
    targets.instance("acc", "i-one", "eni-one", "vpc-a", "10.0.0.5");
    targets.instance("acc", "i-two", "eni-two", "vpc-a", "10.0.0.6");
    targets.eni("acc", "eni-free", null, "vpc-b", "10.1.0.9");
    targets.instance("other", "i-theirs", "eni-theirs", "vpc-c", "10.2.0.5");
    svc = service(Optional.of(CONFIG));
  }

  private EipService service(Optional<EipConfig> config) {
    return new EipService(store, config, host, targets, () -> T0);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static String code(Executable e) {
    return TestErrors.thrown(e).code();
  }

  private String state() {
    return store.all() + " " + host.mappings();
  }

  private Eip allocate() {
    return svc.allocate("acc", 5, null, null, null, null, null);
  }

  @Test
  void disabledWithoutARangeSaysWhatTheOperatorMustSet() {
    EipService off = service(Optional.empty());
    EcsException e = TestErrors.thrown(() -> off.allocate("acc", 5, null, null, null, null, null));
    assertEquals("Forbidden.EipNotConfigured", e.code());
    assertEquals(403, e.httpStatus());
    assertTrue(e.getMessage().contains("ECSBOX_EIP_CIDR"));
    assertEquals("Forbidden.EipNotConfigured",
        code(() -> off.assignNatIp("acc", targets.instance("acc", "i-one"), 5)));
    off.reconcile(); // no rows: nothing to say
  }

  @Test
  void allocateTakesTheLowestFreeAddressWithDefaults() {
    Eip a = allocate();
    Eip b = svc.allocate("acc", 200, "PayByTraffic", "web", "front door", null, null);
    assertEquals("198.51.100.2", a.ip(), ".1 is the gateway");
    assertEquals("198.51.100.3", b.ip());
    assertEquals("Available", a.status());
    assertEquals("PayByBandwidth", a.chargeType());
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), a.created());
    assertTrue(a.allocationId().matches("eip-[a-z0-9]{20}"));
    assertEquals(List.of(a, b), svc.eips("acc"));
    assertEquals(List.of(), svc.eips("other"));
    svc.release("acc", a.allocationId());
    assertEquals("198.51.100.2", allocate().ip(), "a released address is free again");
    assertEquals(List.of(), host.calls, "allocation touches no host");
  }

  @Test
  void clientTokenAnswersTheFirstAllocation() {
    Eip a = svc.allocate("acc", 5, null, null, null, "tok", "h1");
    assertEquals(a, svc.allocate("acc", 5, null, null, null, "tok", "h1"));
    assertEquals("IdempotentParameterMismatch", code(() -> svc.allocate("acc", 6, null, null, null, "tok", "h2")));
    assertEquals(1, store.all().size());
  }

  @Test
  void badAllocationInputChangesNothing() {
    String before = state();
    assertEquals("InvalidParameter.Bandwidth", code(() -> svc.allocate("acc", 0, null, null, null, null, null)));
    assertEquals("InvalidParameter.Bandwidth", code(() -> svc.allocate("acc", 201, null, null, null, null, null)));
    assertEquals("InvalidParameter", code(() -> svc.allocate("acc", 5, "Monthly", null, null, null, null)));
    assertEquals("InvalidName.Malformed", code(() -> svc.allocate("acc", 5, null, "1x", null, null, null)));
    assertEquals(before, state());
  }

  @Test
  void aFullRangeSaysSo() {
    EipConfig tiny = EipConfig.of("203.0.113.0/30", "br0", "203.0.113.1");
    EipService s = service(Optional.of(tiny));
    assertEquals("203.0.113.2", s.allocate("acc", 5, null, null, null, null, null).ip());
    assertEquals("QuotaExceeded.Eip", code(() -> s.allocate("acc", 5, null, null, null, null, null)));
  }

  @Test
  void associateMapsOnTheHostAndAnInstanceHoldsOnePublicIp() {
    Eip a = allocate();
    Eip b = allocate();
    svc.associate("acc", a.allocationId(), null, "i-one");
    Eip now = svc.eip("acc", a.allocationId());
    assertEquals("InUse", now.status());
    assertEquals("eni-one", now.eniId());
    assertEquals("i-one", now.instanceId());
    assertEquals("EcsInstance", now.associatedType());
    assertEquals("vpc-a 198.51.100.2>10.0.0.5@5", host.mappings());
    assertEquals(Optional.of(now), svc.forInstance("i-one"));
    assertEquals(List.of(now), svc.forEni("eni-one"));

    String before = state();
    assertEquals("InvalidAssociation.Duplicated", code(() -> svc.associate("acc", b.allocationId(), null, "i-one")));
    assertEquals("InvalidAssociation.Duplicated",
        code(() -> svc.associate("acc", b.allocationId(), "NetworkInterface", "eni-one")), "its primary ENI too");
    assertEquals("IncorrectEipStatus", code(() -> svc.associate("acc", a.allocationId(), null, "i-two")));
    assertEquals("InvalidInstanceId.NotFound", code(() -> svc.associate("acc", b.allocationId(), null, "i-theirs")));
    assertEquals("InvalidInstanceId.NotFound", code(() -> svc.associate("acc", b.allocationId(), null, "i-nope")));
    assertEquals("InvalidAllocationId.NotFound", code(() -> svc.associate("other", b.allocationId(), null, "i-theirs")));
    assertEquals("InvalidInstanceType.ValueNotSupported",
        code(() -> svc.associate("acc", b.allocationId(), "SlbInstance", "lb-1")));
    assertEquals("IncorrectEipStatus", code(() -> svc.release("acc", a.allocationId())));
    assertEquals(before, state());
  }

  @Test
  void associateWithADetachedEni() {
    Eip a = allocate();
    svc.associate("acc", a.allocationId(), "NetworkInterface", "eni-free");
    Eip now = svc.eip("acc", a.allocationId());
    assertEquals("NetworkInterface", now.associatedType());
    assertEquals("eni-free", now.associatedId());
    assertEquals(null, now.instanceId());
    assertEquals("vpc-b 198.51.100.2>10.1.0.9@5", host.mappings());
  }

  @Test
  void aHostFailureLeavesTheEipAvailableAndUnmapped() {
    Eip a = allocate();
    host.failNext = new IllegalStateException("ip: boom");
    EcsException e = TestErrors.thrown(() -> svc.associate("acc", a.allocationId(), null, "i-one"));
    assertEquals("InternalError", e.code());
    assertTrue(e.getMessage().contains("boom"));
    assertEquals("Available", svc.eip("acc", a.allocationId()).status());
    assertEquals(null, svc.eip("acc", a.allocationId()).eniId());
    assertEquals("", host.mappings());
    assertEquals(Optional.empty(), svc.forInstance("i-one"));
  }

  @Test
  void unassociateThenRelease() {
    Eip a = allocate();
    svc.associate("acc", a.allocationId(), null, "i-one");
    assertEquals("InvalidInstanceId.NotAssociated", code(() -> svc.unassociate("acc", a.allocationId(), "i-two")));
    host.failNext = new IllegalStateException("tc: boom");
    assertEquals("InternalError", code(() -> svc.unassociate("acc", a.allocationId(), "i-one")));
    assertEquals("InUse", svc.eip("acc", a.allocationId()).status(), "a failed unassociation keeps it InUse");
    svc.unassociate("acc", a.allocationId(), "i-one");
    assertEquals("Available", svc.eip("acc", a.allocationId()).status());
    assertEquals("", host.mappings());
    assertEquals("IncorrectEipStatus", code(() -> svc.unassociate("acc", a.allocationId(), null)));
    svc.release("acc", a.allocationId());
    assertEquals("InvalidAllocationId.NotFound", code(() -> svc.eip("acc", a.allocationId())));
  }

  @Test
  void bandwidthChangesReachTheHostAtOnce() {
    Eip a = allocate();
    svc.modify("acc", a.allocationId(), 7, "web", "d");
    assertEquals(List.of(), host.calls, "not associated: the row only");
    svc.associate("acc", a.allocationId(), null, "i-one");
    svc.modify("acc", a.allocationId(), 20, null, null);
    assertEquals("vpc-a 198.51.100.2>10.0.0.5@20", host.mappings());
    Eip now = svc.eip("acc", a.allocationId());
    assertEquals(20, now.bandwidth());
    assertEquals("web", now.name());
    host.failNext = new IllegalStateException("tc: boom");
    assertEquals("InternalError", code(() -> svc.modify("acc", a.allocationId(), 30, "other", null)));
    assertEquals(now, svc.eip("acc", a.allocationId()), "a failed change changes nothing");
    assertEquals("InvalidParameter.Bandwidth", code(() -> svc.modify("acc", a.allocationId(), 500, null, null)));
  }

  @Test
  void natIpLivesAndDiesWithTheInstance() {
    String ip = svc.assignNatIp("acc", targets.instance("acc", "i-one"), 10);
    assertEquals("198.51.100.2", ip);
    Eip nat = svc.forInstance("i-one").orElseThrow();
    assertTrue(nat.isNat());
    assertEquals("InUse", nat.status());
    assertEquals("vpc-a 198.51.100.2>10.0.0.5@10", host.mappings());
    assertEquals(List.of(), svc.eips("acc"), "not an EIP");
    assertEquals("InvalidAllocationId.NotFound", code(() -> svc.release("acc", nat.allocationId())));
    Eip e = allocate();
    assertEquals("198.51.100.3", e.ip());
    assertEquals("InvalidAssociation.Duplicated", code(() -> svc.associate("acc", e.allocationId(), null, "i-one")));
    assertEquals("InvalidAssociation.Duplicated",
        code(() -> svc.assignNatIp("acc", targets.instance("acc", "i-one"), 10)));

    svc.associate("acc", e.allocationId(), null, "i-two");
    svc.releaseForInstance("i-one");
    svc.releaseForInstance("i-two");
    assertEquals(List.of(e.allocationId()), store.all().stream().map(Eip::allocationId).toList(), "the NAT row goes");
    assertEquals("Available", svc.eip("acc", e.allocationId()).status(), "the EIP stays the account's");
    assertEquals("", host.mappings());
  }

  @Test
  void natIpHostFailureLeavesNoRow() {
    host.failNext = new IllegalStateException("boom");
    assertEquals("InternalError", code(() -> svc.assignNatIp("acc", targets.instance("acc", "i-one"), 10)));
    assertEquals(List.of(), store.all());
  }

  @Test
  void releaseForAnEniThatIsAlreadyGoneConvergesTheHost() {
    Eip a = allocate();
    Eip b = allocate();
    svc.associate("acc", a.allocationId(), "NetworkInterface", "eni-free");
    svc.associate("acc", b.allocationId(), null, "i-two");
    targets.deleteEni("eni-free");
    svc.releaseForEni("eni-free");
    assertEquals("Available", svc.eip("acc", a.allocationId()).status());
    assertEquals("vpc-a 198.51.100.3>10.0.0.6@5", host.mappings());
  }

  @Test
  void aHostFailureOnReleaseKeepsTheAddressReservedUntilReconcile() {
    Eip a = allocate();
    svc.associate("acc", a.allocationId(), null, "i-one");
    host.failNext = new IllegalStateException("boom");
    svc.releaseForInstance("i-one"); // logged, not thrown: the instance deletion goes on
    assertEquals("Unassociating", svc.eip("acc", a.allocationId()).status());
    assertFalse(allocate().ip().equals(a.ip()));
    svc.reconcile();
    assertEquals("Available", svc.eip("acc", a.allocationId()).status());
    assertEquals("", host.mappings());
  }

  @Test
  void reconcileFinishesHalfDoneWorkAndFreesRowsWhoseNicIsGone() {
    Eip a = allocate();
    Eip b = allocate();
    Eip c = allocate();
    Eip d = allocate();
    store.setState(a.allocationId(), "Associating", "eni-one", "i-one");
    store.setState(b.allocationId(), "Unassociating", "eni-two", "i-two");
    store.setState(c.allocationId(), "InUse", "eni-free", null);
    store.setState(d.allocationId(), "InUse", "eni-gone", null);
    svc.reconcile();
    assertEquals("InUse", svc.eip("acc", a.allocationId()).status());
    assertEquals("Available", svc.eip("acc", b.allocationId()).status());
    assertEquals("InUse", svc.eip("acc", c.allocationId()).status());
    assertEquals("Available", svc.eip("acc", d.allocationId()).status());
    assertEquals("vpc-a 198.51.100.2>10.0.0.5@5, vpc-b 198.51.100.4>10.1.0.9@5", host.mappings());
    assertEquals("reconcile [vpc-a, vpc-b]", host.calls.get(host.calls.size() - 1));
  }
}
