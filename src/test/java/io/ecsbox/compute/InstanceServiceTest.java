package io.ecsbox.compute;

import io.ecsbox.TestErrors;
import io.ecsbox.host.images.LocalImages;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import io.ecsbox.agent.PowerState;
import io.ecsbox.agent.StopCause;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.compute.type.HostCapabilities;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.scheduler.Scheduler;
import io.ecsbox.host.qemuimg.DiskImages;
import io.ecsbox.storage.Image;
import io.ecsbox.storage.ImageService;
import io.ecsbox.store.Database;
import io.ecsbox.storage.ImageStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle state machine against a {@link FakeAgent} and a real SQLite store. */
class InstanceServiceTest {
  private static final String ACCOUNT = "acc";
  @TempDir Path dir;
  private Database db;
  private InstanceStore store;
  private FakeAgent agent;
  private ExecutorService workers;
  private InstanceOperations ops;
  private InstanceEvents events;
  private InstanceService svc;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    store = new InstanceStore(db);
    ImageStore imageStore = new ImageStore(db);
    imageStore.put(new Image("img", null, "system", "img", "", Image.AVAILABLE, 100, "linux", "tiny",
        "Others Linux", "x86_64", "qcow2", 1, dir.resolve("img.qcow2").toString(), "", "", null, true,
        Instant.now()));
    agent = new FakeAgent();
    workers = Executors.newSingleThreadExecutor();
    ImageService images = new ImageService(imageStore, new LocalImages(dir, (DiskImages) null, DownloadLimits.DEFAULT), dir, workers);
    io.ecsbox.common.KeyedLocks locks = new io.ecsbox.common.KeyedLocks();
    io.ecsbox.storage.DiskStore diskStore = new io.ecsbox.storage.DiskStore(db);
    io.ecsbox.storage.SnapshotService snapshots = new io.ecsbox.storage.SnapshotService(
        new io.ecsbox.storage.SnapshotStore(db), diskStore, agent, agent, locks, workers, 64, 64,
        java.time.Clock.systemUTC());
    io.ecsbox.storage.DiskService disks = new io.ecsbox.storage.DiskService(diskStore, store, images, snapshots,
        agent, agent, locks, workers, java.util.Set.of("local-1a"), 1024, 16, java.time.Clock.systemUTC());
    io.ecsbox.storage.InstanceStorage instanceDisks = new io.ecsbox.storage.InstanceStorage(images, disks);
    events = new InstanceEvents(db, java.time.Clock.systemUTC());
    ops = new InstanceOperations(store, agent, workers, Duration.ofSeconds(1), locks, instanceDisks,
        InstanceNetwork.NONE, events, java.time.Clock.systemUTC());
    // A host of 2 CPUs and 2 GiB, no overcommit: room for 4 nano (1 vCPU, 512 MiB) instances by memory, 2 by CPU.
    svc = new InstanceService(db, store, InstanceTypeCatalog.builtIn(), HostCapabilities.none(), ops,
        new Scheduler(() -> new io.ecsbox.agent.HostResources(2, 2048), 2.0, 1.0, 0, "local-1a"), List.of("local-1a"), instanceDisks,
        InstanceNetwork.NONE, java.time.Clock.systemUTC());
  }

  @AfterEach
  void tearDown() throws Exception {
    workers.shutdown();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    db.close();
  }

  private LaunchRequest run(int amount, String token, String type) {
    String ud = Base64.getEncoder().encodeToString("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
    return new LaunchRequest(ACCOUNT, "img", type, "web", "web-1", false, null, ud, null, null, amount, true,
        token, token == null ? "h" : "hash-" + type + amount, null, Map.of("env", "test"));
  }

  private void drain() throws Exception {
    workers.submit(() -> { }).get(5, TimeUnit.SECONDS);
  }

  private InstanceStatus status(String id) {
    return store.find(id).orElseThrow().status();
  }

  @Test
  void runReturnsAtOnceThenBootsThroughTheAgent() throws Exception {
    List<String> ids = svc.launch(run(2, null, "ecs.t5-lc2m1.nano"));
    assertEquals(2, ids.size());
    drain();
    for (String id : ids) {
      assertEquals(InstanceStatus.Running, status(id));
      {
        var l = agent.launches.get(id);
        assertEquals("web-1", l.hostName());
        assertEquals(512, l.memoryMiB());
        assertEquals(20L << 30, l.disks().get(0).sizeBytes(), "default system disk is 20 GiB");
        assertEquals("vda", l.disks().get(0).target());
        assertEquals(dir.resolve("img.qcow2"), l.disks().get(0).backing(), "the system disk is an overlay on the image");
        assertArrayEquals("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), l.userData());
      }
    }
  }

  @Test
  void dataDisksOfALaunchAreMadeInItsZoneAndAttachedInOrder() throws Exception {
    LaunchRequest r = run(1, null, "ecs.t5-lc2m1.nano");
    List<InstanceDisks.DataDisk> data = List.of(
        new InstanceDisks.DataDisk(40, "cloud_ssd", null, null, "logs", "", true),
        new InstanceDisks.DataDisk(30, null, null, null, null, null, false));
    String id = svc.launch(new LaunchRequest(r.accountId(), r.imageId(), r.instanceType(), r.instanceName(),
        r.hostName(), false, null, r.userData(), null, null, 1, true, null, "h", null, Map.of(), null, data)).get(0);
    drain();
    var disks = agent.launches.get(id).disks();
    assertEquals(List.of("vda", "vdb", "vdc"), disks.stream().map(d -> d.target()).toList());
    assertEquals(List.of(20L << 30, 40L << 30, 30L << 30), disks.stream().map(d -> d.sizeBytes()).toList());
    assertEquals(List.of("local-1a", "local-1a"), db.tx(c -> io.ecsbox.store.Database.query(c,
        "SELECT zone_id FROM disks WHERE instance_id = ? AND type = 'data' ORDER BY device", rs -> rs.getString(1),
        id)));
  }

  @Test
  void wrongStateIsRefusedAndChangesNothing() throws Exception {
    String id = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();
    EcsException e = TestErrors.thrown(() -> svc.start(ACCOUNT, id));
    assertEquals("IncorrectInstanceStatus", e.code());
    assertEquals(403, e.httpStatus());
    assertEquals(InstanceStatus.Running, status(id));
    TestErrors.thrown(() -> svc.delete(ACCOUNT, id, false));
    TestErrors.thrown(() -> svc.modifySpec(ACCOUNT, id, "ecs.t5-lc1m1.small"));
    assertEquals(InstanceStatus.Running, status(id));

    svc.stop(ACCOUNT, id, false);
    drain();
    assertEquals(InstanceStatus.Stopped, status(id));
    assertEquals(PowerState.SHUTOFF, agent.state(id));
    svc.modifySpec(ACCOUNT, id, "ecs.t5-lc1m1.small");
    svc.start(ACCOUNT, id);
    drain();
    assertEquals(1024, agent.launches.get(id).memoryMiB());
    assertEquals(InstanceStatus.Running, status(id));
  }

  @Test
  void theMemoryOfARunningGuestIsItsAgentsAndAStoppedOneHasNone() throws Exception {
    String id = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();
    assertEquals(512 * 1024, svc.memory(ACCOUNT, id).actualKiB());
    assertEquals("InvalidInstanceId.NotFound", TestErrors.thrown(() -> svc.memory("someone-else", id)).code());
    svc.stop(ACCOUNT, id, true);
    drain();
    EcsException e = TestErrors.thrown(() -> svc.memory(ACCOUNT, id));
    assertEquals("IncorrectInstanceStatus", e.code());
    assertTrue(e.getMessage().contains("Stopped"), e.getMessage());
  }

  @Test
  void forceDeleteReleasesTheHostSide() throws Exception {
    String id = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    workers.execute(() -> { // the release waits behind this until the checks are made
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    svc.delete(ACCOUNT, id, true);
    // listed as Stopping until the release is done: then nothing of it holds anything
    assertEquals(InstanceStatus.Stopping, svc.get(ACCOUNT, id).status());
    assertEquals(List.of(InstanceStatus.Stopping), svc.list(ACCOUNT).stream().map(Instance::status).toList());
    assertEquals("IncorrectInstanceStatus", TestErrors.thrown(() -> svc.start(ACCOUNT, id)).code());
    assertEquals("IncorrectInstanceStatus", TestErrors.thrown(() -> svc.delete(ACCOUNT, id, false)).code());
    assertEquals("IncorrectInstanceStatus",
        TestErrors.thrown(() -> svc.modifyMetadataOptions(ACCOUNT, id, "required", null)).code());
    svc.delete(ACCOUNT, id, true); // again with Force: the release under way finishes it
    hold.countDown();
    drain();
    TestErrors.thrown(() -> svc.get(ACCOUNT, id), "gone once released");
    assertTrue(store.find(id).isEmpty());
    assertEquals(1, agent.calls.stream().filter(("release " + id)::equals).count(), agent.calls.toString());
    assertTrue(agent.calls.contains("release " + id));
    assertEquals(PowerState.ABSENT, agent.state(id));
  }

  @Test
  void aFailedStartLeavesTheInstanceStoppedAndPoweredOff() throws Exception {
    agent.failStart = new IllegalStateException("qemu said no");
    String id = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();
    assertEquals(InstanceStatus.Stopped, status(id));
    assertTrue(agent.calls.contains("ensureStopped " + id + " force"), agent.calls.toString());
    StatusReason reason = store.find(id).orElseThrow().statusReason();
    assertEquals("SystemFailure.Stop", reason.code());
    assertTrue(reason.message().contains("could not start the guest: qemu said no"), reason.message());
    List<InstanceEvent> logged = events(id);
    assertEquals(1, logged.size());
    assertEquals("SystemFailure.Stop", logged.get(0).type());
    assertEquals(reason.message(), logged.get(0).reason());
    agent.failStart = null;
    svc.start(ACCOUNT, id);
    drain();
    assertEquals(InstanceStatus.Running, status(id), "StartInstance retries");
    assertNull(store.find(id).orElseThrow().statusReason(), "a good start clears the reason");
    assertEquals(1, events(id).size(), "the event stays in the history");
  }

  private List<InstanceEvent> events(String id) {
    return events.list(new InstanceEvents.Query(ACCOUNT, List.of(id), List.of(), List.of(), List.of(), null, null));
  }

  @Test
  void aGuestKilledFromOutsideBecomesStoppedWithTheReasonAndOneEvent() throws Exception {
    List<String> ids = svc.launch(run(2, null, "ecs.t5-lc2m1.nano"));
    drain();
    agent.stopFromOutside(ids.get(0), StopCause.CRASHED);
    ops.syncPowerStates();
    ops.syncPowerStates();
    Instance killed = store.find(ids.get(0)).orElseThrow();
    assertEquals(InstanceStatus.Stopped, killed.status());
    assertTrue(killed.statusReason().message().contains("QEMU process ended unexpectedly"),
        killed.statusReason().message());
    assertEquals(1, events(ids.get(0)).size(), "noticed once");
    assertEquals(InstanceStatus.Running, status(ids.get(1)), "the other guest is untouched");
    assertEquals(List.of(), events(ids.get(1)));
    svc.stop(ACCOUNT, ids.get(1), false);
    drain();
    assertNull(store.find(ids.get(1)).orElseThrow().statusReason(), "a stop the user asked for has no reason");
    assertEquals(List.of(), events(ids.get(1)));
  }

  @Test
  void clientTokenReturnsTheSameInstancesAndRefusesOtherParameters() {
    List<String> first = svc.launch(run(2, "tok", "ecs.t5-lc2m1.nano"));
    assertEquals(first, svc.launch(run(2, "tok", "ecs.t5-lc2m1.nano")));
    EcsException e = TestErrors.thrown(() -> svc.launch(run(3, "tok", "ecs.t5-lc2m1.nano")));
    assertEquals("IdempotentParameterMismatch", e.code());
    assertEquals(2, svc.list(ACCOUNT).size());
  }

  @Test
  void typesNeedingMissingHardwareOrUnknownAreRefusedBeforeAnythingIsMade() {
    EcsException gpu = TestErrors.thrown(() -> svc.launch(run(1, null, "ecs.gn6i-c4g1.xlarge")));
    assertEquals("InstanceType.NotSupported", gpu.code());
    EcsException unknown = TestErrors.thrown(() -> svc.launch(run(1, null, "ecs.nope.large")));
    assertEquals("InvalidInstanceType.NotFound", unknown.code());
    assertEquals(0, svc.list(ACCOUNT).size());
    assertTrue(agent.calls.isEmpty());
  }

  @Test
  void reconcileAdoptsRepairsAndRemovesLeftovers() throws Exception {
    List<String> ids = svc.launch(run(2, null, "ecs.t5-lc2m1.nano"));
    drain();
    agent.domains.put(ids.get(1), PowerState.SHUTOFF); // powered off while the daemon was down
    agent.domains.put("i-orphan", PowerState.RUNNING); // half-created by a crash: no row
    agent.dirs.add("i-orphandir");
    ops.reconcile();
    drain();
    assertEquals(InstanceStatus.Running, status(ids.get(0)));
    assertEquals(InstanceStatus.Stopped, status(ids.get(1)));
    assertTrue(store.find(ids.get(1)).orElseThrow().statusReason().message()
        .startsWith("Found when the daemon started: the guest stopped without a recorded reason"),
        store.find(ids.get(1)).orElseThrow().statusReason().message());
    assertTrue(agent.calls.contains("release i-orphan"));
    assertTrue(agent.calls.contains("release i-orphandir"));
    assertEquals(PowerState.RUNNING, agent.state(ids.get(0)), "running guests are adopted, not restarted");
  }

  @Test
  void theSchedulerRefusesWhatTheHostCannotHoldAndCountsOnlyInstancesHoldingResources() throws Exception {
    List<String> ids = svc.launch(run(4, null, "ecs.t5-lc2m1.nano")); // 4 vCPU of 4, 2048 MiB of 2048
    EcsException full = TestErrors.thrown(() -> svc.launch(run(1, null, "ecs.t5-lc2m1.nano")));
    assertEquals("OperationDenied.NoStock", full.code());
    assertEquals(4, svc.list(ACCOUNT).size(), "nothing was created");
    drain();
    svc.stop(ACCOUNT, ids.get(0), false);
    drain();
    String fifth = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0); // the stopped one freed its share
    drain();
    EcsException again = TestErrors.thrown(() -> svc.start(ACCOUNT, ids.get(0)));
    assertEquals("OperationDenied.NoStock", again.code());
    assertEquals(InstanceStatus.Stopped, status(ids.get(0)));
    assertEquals(InstanceStatus.Running, status(fifth));
  }

  @Test
  void aGuestThatPowersItselfOffBecomesStopped() throws Exception {
    String id = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();
    agent.stopFromOutside(id, StopCause.GUEST_SHUTDOWN);
    ops.syncPowerStates();
    assertEquals(InstanceStatus.Stopped, status(id));
    assertNull(store.find(id).orElseThrow().statusReason(), "the guest's own doing is no failure");
    assertEquals(List.of(), events(id));
  }

  @Test
  void aGuestStartedBehindEcsboxsBackShowsRunning() throws Exception {
    String id = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();
    svc.stop(ACCOUNT, id, false);
    drain();
    ops.syncPowerStates();
    assertEquals(InstanceStatus.Stopped, status(id), "a stopped guest stays Stopped");
    agent.domains.put(id, PowerState.RUNNING); // virsh start
    ops.syncPowerStates();
    assertEquals(InstanceStatus.Running, status(id));
    assertEquals(List.of(), events(id), "no failure");
  }

  private LaunchRequest withKeyPair(String name) {
    LaunchRequest r = run(1, null, "ecs.t5-lc2m1.nano");
    return new LaunchRequest(r.accountId(), r.imageId(), r.instanceType(), r.instanceName(), r.hostName(),
        r.uniqueSuffix(), r.description(), r.userData(), r.systemDiskGiB(), r.systemDiskCategory(), r.amount(),
        r.autoStart(), r.clientToken(), r.paramsHash(), r.zoneId(), r.tags(), r.systemDiskPerformanceLevel(),
        r.dataDisks(), r.network(), new LaunchRequest.Access(name, null));
  }

  // Key pairs on the same store; another account already holds "theirs".
  private io.ecsbox.keypair.KeyPairService keyPairs() {
    io.ecsbox.keypair.KeyPairService keys = new io.ecsbox.keypair.KeyPairService(
        new io.ecsbox.keypair.KeyPairStore(db), java.time.Clock.systemUTC());
    keys.create("other", "theirs");
    return keys;
  }

  @Test
  void aKeyPairIsBoundAtLaunchAndDeliveredAtStart() throws Exception {
    io.ecsbox.keypair.KeyPairService keys = keyPairs();
    String pub = keys.create(ACCOUNT, "mine").keyPair().publicKey();

    assertEquals("InvalidKeyPairName.NotFound", TestErrors.thrown(() -> svc.launch(withKeyPair("nope"))).code());
    assertEquals("InvalidKeyPairName.NotFound", TestErrors.thrown(() -> svc.launch(withKeyPair("theirs"))).code(),
        "another account's key pair is not found");
    assertEquals(List.of(), store.all(), "a refused launch makes nothing");

    String id = svc.launch(withKeyPair("mine")).get(0);
    drain();
    assertEquals("mine", store.find(id).orElseThrow().keyPairName());
    assertEquals(List.of(pub), agent.launches.get(id).access().publicKeys());
    assertEquals(List.of(pub), store.bootedAccess(id).publicKeys(), "what the metadata service serves");
    assertEquals("InvalidParameter.KeypairAlreadyAttachedInstance",
        TestErrors.thrown(() -> keys.delete(ACCOUNT, List.of("mine"))).code(), "a bound key pair stays");
    assertEquals(1, keys.list(ACCOUNT).size());

    String plain = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();
    assertEquals("", store.find(plain).orElseThrow().keyPairName());
    assertEquals(io.ecsbox.agent.GuestAccess.NONE, agent.launches.get(plain).access());
  }

  @Test
  void attachAndDetachApplyAtTheNextStart() throws Exception {
    io.ecsbox.keypair.KeyPairService keys = keyPairs();
    String pub = keys.create(ACCOUNT, "k1").keyPair().publicKey();
    InstanceAccess access = new InstanceAccess(db, store);
    String id = svc.launch(run(1, null, "ecs.t5-lc2m1.nano")).get(0);
    drain();

    assertEquals("InvalidKeyPairName.NotFound",
        TestErrors.thrown(() -> access.attach(ACCOUNT, "theirs", List.of(id))).code());
    List<InstanceAccess.Outcome> r = access.attach(ACCOUNT, "k1", List.of(id, "i-nobody"));
    assertNull(r.get(0).error());
    assertEquals(InstanceError.NOT_FOUND, r.get(1).error().condition());
    assertEquals("k1", store.find(id).orElseThrow().keyPairName());
    assertEquals(List.of(), store.bootedAccess(id).publicKeys(), "a running guest keeps what it booted with");

    svc.stop(ACCOUNT, id, false);
    drain();
    svc.start(ACCOUNT, id);
    drain();
    assertEquals(List.of(pub), agent.launches.get(id).access().publicKeys(), "the next start delivers it");
    assertEquals(List.of(pub), store.bootedAccess(id).publicKeys());

    List<InstanceAccess.Outcome> once = access.detach(ACCOUNT, "k1", List.of(id, id));
    assertEquals(1, once.size(), "each instance once");
    assertNull(once.get(0).error());
    assertEquals(io.ecsbox.keypair.KeyPairError.NOT_BOUND,
        access.detach(ACCOUNT, "k1", List.of(id)).get(0).error().condition(), "no longer bound to it");
    assertEquals("", store.find(id).orElseThrow().keyPairName());
    keys.delete(ACCOUNT, List.of("k1")); // no longer bound
    assertEquals(List.of(pub), store.bootedAccess(id).publicKeys(), "still what it booted with");
  }
}
