package io.ecsbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.TestErrors;
import io.ecsbox.api.errors.ErrorCodes;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.compute.FakeAgent;
import io.ecsbox.compute.InstanceError;
import io.ecsbox.compute.InstanceStore;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage's refusals answer the ECS codes, statuses and messages they answered before api/ mapped them. */
class StorageErrorsTest {
  private static final String ACCOUNT = "acc";
  @TempDir Path dir;
  private Database db;
  private DiskService disks;
  private SnapshotService snapshots;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    FakeAgent agent = new FakeAgent();
    KeyedLocks locks = new KeyedLocks();
    DiskStore diskStore = new DiskStore(db);
    snapshots = new SnapshotService(new SnapshotStore(db), diskStore, agent, agent, locks, Runnable::run, 2, 2,
        java.time.Clock.systemUTC());
    disks = new DiskService(diskStore, new InstanceStore(db), null, snapshots, agent, agent, locks, Runnable::run,
        Set.of("z"), 1000, DiskService.DEFAULT_MAX_CHAIN_DEPTH, java.time.Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private String disk(String snapshotId) {
    return disks.create(ACCOUNT, new DiskService.DiskRequest("z", 20, "cloud_efficiency", null, snapshotId, "d", "",
        false));
  }

  private static void assertError(int status, String code, String message, EcsException e) {
    assertEquals(status + " " + code + " " + message, e.httpStatus() + " " + e.code() + " " + e.getMessage());
  }

  @Test
  void unknownDisksAndSnapshotsAreNotFound() {
    assertError(404, "InvalidDiskId.NotFound", "The specified disk does not exist.",
        TestErrors.thrown(() -> disks.get(ACCOUNT, "d-nope")));
    assertError(404, "InvalidSnapshotId.NotFound", "The specified snapshot s-nope does not exist.",
        TestErrors.thrown(() -> snapshots.get(ACCOUNT, "s-nope")));
    assertError(404, "InvalidZoneId.NotFound", "The specified zone nope does not exist.",
        TestErrors.thrown(() -> disks.create(ACCOUNT,
            new DiskService.DiskRequest("nope", 20, null, null, null, null, null, false))));
  }

  @Test
  void refusalsOfDisksAndSnapshots() {
    String d = disk(null);
    assertError(400, "InvalidDiskSize.ValueNotSupported", "NewSize must be larger than the current size 20 GiB"
        + " and at most 32768 GiB, got 10 (disks only grow).", TestErrors.thrown(() -> disks.resize(ACCOUNT, d, 10)));
    assertError(403, "IncorrectDiskStatus", "DeleteWithInstance applies to an attached disk; " + d
        + " is not attached.", TestErrors.thrown(() -> disks.modify(ACCOUNT, d, null, null, true, null)));
    String s = snapshots.create(ACCOUNT, d, "s", "", null);
    String fromIt = disk(s);
    assertError(403, "SnapshotUsedByDisk", "Disk(s) [" + fromIt + "] were created from snapshot " + s
        + "; pass Force=true to delete it anyway (their data stays).",
        TestErrors.thrown(() -> snapshots.delete(ACCOUNT, s, false)));
  }

  @Test
  void instanceConditionsAnswerAsTheOldFactoryDid() {
    EcsException before = EcsException.incorrectInstanceStatus("i-1", "Starting");
    assertError(before.httpStatus(), before.code(), before.getMessage(),
        ErrorCodes.toEcs(InstanceError.incorrectStatus("i-1", "Starting")));
    assertError(404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.",
        ErrorCodes.toEcs(InstanceError.notFound()));
  }
}
