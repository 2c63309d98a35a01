package io.ecsbox.storage.policy;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.common.FakeClock;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Policies against a real SQLite store, a {@link FakeAutoSnapshotTarget} and a clock we move. */
class AutoSnapshotPolicyServiceTest {
  private static final String ACCOUNT = "acc";
  private static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);
  @TempDir Path dir;
  private Database db;
  private FakeClock clock; // starts 2024-05-01T10:00:00Z, 18:00 in UTC+8
  private FakeAutoSnapshotTarget target;
  private AutoSnapshotPolicyService svc;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    clock = new FakeClock();
    target = new FakeAutoSnapshotTarget();
    svc = new AutoSnapshotPolicyService(new AutoSnapshotPolicyStore(db), target, clock);
    disk("d-1", ACCOUNT);
    disk("d-2", ACCOUNT);
    disk("d-other", "someone-else");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void disk(String id, String account) {
    db.update("INSERT INTO disks (disk_id, account_id, zone_id, type, category, size_gib, status,"
        + " delete_with_instance, file, created) VALUES (?,?,?,?,?,?,?,?,?,?)", id, account, "local-1a", "data",
        "cloud_essd", 40, "Available", 0, "disks/" + id + ".qcow2", "2024-05-01T09:00:00Z");
  }

  /** [policy id, enable_auto_snapshot] of a disk row. */
  private List<Object> diskPolicy(String id) {
    return db.query("SELECT auto_snapshot_policy_id, enable_auto_snapshot FROM disks WHERE disk_id = ?",
        rs -> java.util.Arrays.asList((Object) rs.getString(1), rs.getInt(2)), id).get(0);
  }

  /** A policy at 19:00 UTC+8 (11:00 UTC) every day, keeping snapshots 7 days. */
  private String create(String name) {
    return svc.create(new AutoSnapshotPolicyService.NewPolicy(ACCOUNT, name,
        new SnapshotSchedule(List.of(19), EVERY_DAY), 7, Map.of("env", "test")));
  }

  private static String code(Executable e) {
    return TestErrors.thrown(e).code();
  }

  @Test
  void createAndDescribe() {
    clock.advance(Duration.ofMillis(700));
    String id = create("nightly");
    assertTrue(id.matches("sp-[a-z0-9]{20}"), id);
    AutoSnapshotPolicy p = svc.describe(ACCOUNT, null, null, Map.of()).get(0);
    assertEquals("nightly", p.name());
    assertEquals("[\"19\"]", p.schedule().timePointsJson());
    assertEquals(7, p.retentionDays());
    assertEquals("Normal", p.status());
    assertEquals(Instant.parse("2024-05-01T10:00:00Z"), p.created());
    assertEquals(Map.of("env", "test"), p.tags());
    assertEquals(Map.of(), svc.diskCounts(ACCOUNT));
    assertEquals(List.of(), svc.describe("someone-else", null, null, Map.of()));
    assertEquals(1, svc.describe(ACCOUNT, id, null, Map.of()).size());
    assertEquals(0, svc.describe(ACCOUNT, null, "other", Map.of()).size());
    assertEquals(1, svc.describe(ACCOUNT, null, null, Map.of("env", "")).size());
    assertEquals(0, svc.describe(ACCOUNT, null, null, Map.of("env", "prod")).size());
  }

  @Test
  void retentionAndNameRules() {
    SnapshotSchedule s = new SnapshotSchedule(List.of(1), List.of(1));
    assertEquals("ParameterInvalid",
        code(() -> svc.create(new AutoSnapshotPolicyService.NewPolicy(ACCOUNT, null, s, 0, Map.of()))));
    assertEquals("ParameterInvalid",
        code(() -> svc.create(new AutoSnapshotPolicyService.NewPolicy(ACCOUNT, null, s, 65537, Map.of()))));
    assertEquals("InvalidAutoSnapshotPolicyName.Malformed",
        code(() -> svc.create(new AutoSnapshotPolicyService.NewPolicy(ACCOUNT, "1abc", s, 1, Map.of()))));
    assertEquals("InvalidAutoSnapshotPolicyName.Malformed",
        code(() -> svc.create(new AutoSnapshotPolicyService.NewPolicy(ACCOUNT, "http://x", s, 1, Map.of()))));
    String forever = svc.create(new AutoSnapshotPolicyService.NewPolicy(ACCOUNT, null, s, null, Map.of()));
    svc.create(new AutoSnapshotPolicyService.NewPolicy(ACCOUNT, "max", s, 65536, Map.of()));
    assertEquals(-1, svc.describe(ACCOUNT, forever, null, Map.of()).get(0).retentionDays());
    assertEquals("", svc.describe(ACCOUNT, forever, null, Map.of()).get(0).name());
  }

  @Test
  void atMostOneHundredPoliciesPerAccount() {
    for (int i = 0; i < AutoSnapshotPolicyService.MAX_POLICIES; i++) {
      create("p" + i);
    }
    EcsException e = TestErrors.thrown(() -> create("one-too-many"));
    assertEquals("AutoSnapshotPolicy.QuotaExceed", e.code());
    assertEquals(403, e.httpStatus());
    svc.create(new AutoSnapshotPolicyService.NewPolicy("someone-else", null,
        new SnapshotSchedule(List.of(1), List.of(1)), -1, Map.of()));
  }

  @Test
  void applyIsAllOrNothingWithinTheAccount() {
    String id = create("alpha");
    EcsException e = TestErrors.thrown(() -> svc.apply(ACCOUNT, id, List.of("d-1", "d-nope")));
    assertEquals("InvalidDiskId.NotFound", e.code());
    assertEquals(404, e.httpStatus());
    assertTrue(e.getMessage().contains("d-nope"), e.getMessage());
    assertEquals("InvalidDiskId.NotFound", code(() -> svc.apply(ACCOUNT, id, List.of("d-other"))));
    assertEquals(java.util.Arrays.asList(null, 0), diskPolicy("d-1"));

    svc.apply(ACCOUNT, id, List.of("d-1", "d-2", "d-1"));
    assertEquals(List.of(id, 1), diskPolicy("d-1"));
    assertEquals(Map.of(id, 2), svc.diskCounts(ACCOUNT));
    assertEquals("InvalidAutoSnapshotPolicyId.NotFound", code(() -> svc.apply(ACCOUNT, "sp-nope", List.of("d-1"))));
    assertEquals("ParameterInvalid", code(() -> svc.apply(ACCOUNT, id, List.of())));

    // One policy per disk: applying another moves the disk.
    String other = create("beta");
    svc.apply(ACCOUNT, other, List.of("d-2"));
    assertEquals(Map.of(id, 1, other, 1), svc.diskCounts(ACCOUNT));
  }

  @Test
  void cancelClearsTheDisks() {
    String id = create("alpha");
    svc.apply(ACCOUNT, id, List.of("d-1", "d-2"));
    assertEquals("InvalidDiskId.NotFound", code(() -> svc.cancel(ACCOUNT, List.of("d-1", "d-other"))));
    assertEquals(Map.of(id, 2), svc.diskCounts(ACCOUNT));
    svc.cancel(ACCOUNT, List.of("d-1"));
    assertEquals(java.util.Arrays.asList(null, 0), diskPolicy("d-1"));
    assertEquals(Map.of(id, 1), svc.diskCounts(ACCOUNT));
  }

  @Test
  void deleteTakesThePolicyOffItsDisks() {
    String id = create("alpha");
    svc.apply(ACCOUNT, id, List.of("d-1"));
    assertEquals("InvalidAutoSnapshotPolicyId.NotFound", code(() -> svc.delete("someone-else", id)));
    svc.delete(ACCOUNT, id);
    assertEquals(java.util.Arrays.asList(null, 0), diskPolicy("d-1"));
    assertEquals(List.of(), svc.describe(ACCOUNT, null, null, Map.of()));
    assertEquals(0, db.query("SELECT COUNT(*) FROM tags WHERE resource_id = ?", rs -> rs.getInt(1), id).get(0));
    assertEquals("InvalidAutoSnapshotPolicyId.NotFound", code(() -> svc.delete(ACCOUNT, id)));
  }

  @Test
  void modifyChangesOnlyWhatIsGiven() {
    String id = create("alpha");
    svc.modify(ACCOUNT, id, new AutoSnapshotPolicyService.Change("bravo", null, List.of(6, 7), null));
    AutoSnapshotPolicy p = svc.describe(ACCOUNT, id, null, Map.of()).get(0);
    assertEquals("bravo", p.name());
    assertEquals(List.of(19), p.schedule().timePoints());
    assertEquals(List.of(6, 7), p.schedule().repeatWeekdays());
    assertEquals(7, p.retentionDays());
    svc.modify(ACCOUNT, id, new AutoSnapshotPolicyService.Change(null, null, null, -1));
    assertEquals(-1, svc.describe(ACCOUNT, id, null, Map.of()).get(0).retentionDays());
    assertEquals("ParameterInvalid",
        code(() -> svc.modify(ACCOUNT, id, new AutoSnapshotPolicyService.Change(null, null, null, 0))));
    assertEquals("InvalidAutoSnapshotPolicyId.NotFound",
        code(() -> svc.modify(ACCOUNT, "sp-nope", new AutoSnapshotPolicyService.Change("x1", null, null, null))));
  }

  @Test
  void tickSnapshotsEveryEnabledDiskWhenASlotComesDue() {
    String id = create("alpha");
    svc.apply(ACCOUNT, id, List.of("d-1", "d-2"));
    svc.tick(Instant.parse("2024-05-01T10:59:59Z"));
    assertEquals(List.of(), target.snapshots);
    assertEquals(1, target.expiries.size());

    Instant slot = Instant.parse("2024-05-01T11:00:20Z");
    svc.tick(slot);
    assertEquals(List.of(new FakeAutoSnapshotTarget.Call(ACCOUNT, "d-1", id, 7),
        new FakeAutoSnapshotTarget.Call(ACCOUNT, "d-2", id, 7)), target.snapshots);
    assertEquals(slot, svc.describe(ACCOUNT, id, null, Map.of()).get(0).lastRun());
    assertEquals(List.of(Instant.parse("2024-05-01T10:59:59Z"), slot), target.expiries);

    svc.tick(slot.plusSeconds(60));
    assertEquals(2, target.snapshots.size());
    svc.tick(Instant.parse("2024-05-02T11:00:00Z"));
    assertEquals(4, target.snapshots.size());
  }

  @Test
  void afterDaysOfDowntimeEachDiskGetsOneSnapshot() {
    String id = create("alpha");
    svc.apply(ACCOUNT, id, List.of("d-1"));
    svc.tick(Instant.parse("2024-05-05T03:00:00Z")); // four slots missed
    assertEquals(List.of("d-1"), target.disksSnapshotted());
    svc.tick(Instant.parse("2024-05-05T03:01:00Z"));
    assertEquals(List.of("d-1"), target.disksSnapshotted());
  }

  @Test
  void oneFailingDiskDoesNotStopTheOthers() {
    disk("d-3", ACCOUNT);
    String id = create("alpha");
    svc.apply(ACCOUNT, id, List.of("d-1", "d-2", "d-3"));
    target.failing.add("d-2");
    target.failExpiry = true;
    Instant now = Instant.parse("2024-05-01T11:00:00Z");
    svc.tick(now);
    assertEquals(List.of("d-1", "d-3"), target.disksSnapshotted());
    assertEquals(now, svc.describe(ACCOUNT, id, null, Map.of()).get(0).lastRun());
  }

  @Test
  void disabledAndDeletingDisksAreSkipped() {
    String id = create("alpha");
    svc.apply(ACCOUNT, id, List.of("d-1", "d-2"));
    db.update("UPDATE disks SET enable_auto_snapshot = 0 WHERE disk_id = 'd-1'");
    db.update("UPDATE disks SET deleting = 1 WHERE disk_id = 'd-2'");
    svc.tick(Instant.parse("2024-05-01T11:00:00Z"));
    assertEquals(List.of(), target.snapshots);
  }

  @Test
  void aNewScheduleStartsNow() {
    String id = create("alpha"); // created 10:00 UTC
    svc.apply(ACCOUNT, id, List.of("d-1"));
    clock.advance(Duration.ofHours(3)); // 13:00 UTC = 21:00 UTC+8
    svc.modify(ACCOUNT, id, new AutoSnapshotPolicyService.Change(null, List.of(20), null, null));
    svc.tick(clock.instant()); // 20:00 UTC+8 passed before the change: not caught up
    assertEquals(List.of(), target.snapshots);
    svc.tick(Instant.parse("2024-05-02T12:00:00Z")); // 20:00 UTC+8 the next day
    assertEquals(List.of("d-1"), target.disksSnapshotted());
  }

  @Test
  void aPolicyNeverRunsForSlotsBeforeItsCreation() {
    clock.advance(Duration.ofMinutes(90)); // 11:30 UTC, after today's 19:00 UTC+8 slot
    String id = create("alpha");
    svc.apply(ACCOUNT, id, List.of("d-1"));
    svc.tick(clock.instant());
    assertEquals(List.of(), target.snapshots);
    assertNull(svc.describe(ACCOUNT, id, null, Map.of()).get(0).lastRun());
  }
}
