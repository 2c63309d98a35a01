package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the instance lifecycle and of images: the daemon, a separate JVM, runs a
 * {@link LifecycleLoop} of random calls (run, start, stop, reboot, delete with and without
 * Force, modify, CreateImage from an instance, ImportImage of a local qcow2, DeleteImage) and is
 * SIGKILLed at a random moment after one of them was sent, then started again on the same data
 * dir. Unanswered RunInstances are retried with their ClientToken, as a client would. Once no
 * instance is Pending, Starting or Stopping and no image Creating, {@link LifecycleChecks} must
 * hold (polled: a release may still be finishing). At the end everything is deleted through the
 * API and nothing may be left: domain, file, row, process or chain.
 *
 * <p>{@code -Decsbox.it.seed=N} repeats a run's choices and kill delays (the seed is printed),
 * {@code -Decsbox.it.lifecycleRounds=N} sets the number of rounds (default 12; in about one round
 * in four the restarted daemon is killed once more while it repairs).
 */
class LifecycleCrashIT {
  private static final Duration SETTLE = Duration.ofSeconds(150);
  private static final Duration HOLD = Duration.ofSeconds(60);
  // Long enough for a deleted image's file to meet the 60-s image garbage collection.
  private static final Duration IMAGE_GC = Duration.ofSeconds(150);

  private final long seed = Long.getLong("ecsbox.it.seed", 20261207L);
  private final LifecycleLedger ledger = new LifecycleLedger();
  private final AtomicInteger names = new AtomicInteger();
  private DaemonProcess d;
  private Database db;
  private LifecycleChecks checks;
  private int kills;

  @Test
  void killNineDuringLifecycleAndImageCallsLosesNothingAndLeavesNothing() throws Exception {
    int rounds = Integer.getInteger("ecsbox.it.lifecycleRounds", 12);
    Path log = Path.of(System.getProperty("ecsbox.build.dir", "target")).toAbsolutePath()
        .resolve("lifecycle-crash-it").resolve("daemon-" + EcsboxHarness.SESSION + ".log");
    say("seed=" + seed + " rounds=" + rounds + " (rerun with -Decsbox.it.seed=" + seed + "); daemon log " + log);
    long t0 = System.nanoTime();
    Random rnd = new Random(seed);
    d = DaemonProcess.create("lifecyclecrash", log);
    boolean done = false;
    try {
      d.start();
      db = Database.open(d.dataDir().resolve("ecsbox.db"));
      checks = new LifecycleChecks(d, db, ledger);
      for (int round = 1; round <= rounds; round++) {
        crashRound(round, rnd);
      }
      cleanUp();
      done = true;
    } finally {
      if (!done) {
        backstop();
      }
    }
    say(kills + " kills, " + ledger.calls() + " calls in " + ms(t0) / 1000 + " s"
        + (ledger.serverErrors().isEmpty() ? "" : "; 5xx answers: " + ledger.serverErrors()));
  }

  private void crashRound(int round, Random rnd) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    LifecycleLoop loop = new LifecycleLoop(d, ledger, d.dataDir().resolve("images/system")
        .resolve(EcsboxHarness.IMAGE_ID + ".qcow2"), names, seed, new Random(rnd.nextLong()), stop);
    Thread t = new Thread(loop, "lifecycle-loop");
    int after = 2 + rnd.nextInt(7);
    long delay = rnd.nextInt(3001);
    t.start();
    String last = loop.awaitSent(after, 60_000);
    Thread.sleep(delay);
    stop.set(true);
    List<String> orphans = d.kill();
    kills++;
    t.join(60_000);
    if (t.isAlive()) {
      fail("the loop did not stop within 60 s after the kill");
    }
    if (loop.failure() != null) {
      throw new AssertionError("round " + round + ": the loop failed (seed " + seed + ")", loop.failure());
    }
    say("round " + round + ": SIGKILL " + delay + " ms after call " + after + " (" + last + ") was sent; calls: "
        + ledger.drainEvents() + (orphans.isEmpty() ? "" : "; left running: " + orphans));
    long t0 = System.nanoTime();
    d.start();
    if (rnd.nextInt(4) == 0) { // again while the restart repairs what the first kill cut
      long again = rnd.nextInt(2001);
      Thread.sleep(again);
      List<String> left = d.kill();
      kills++;
      say("round " + round + ": SIGKILL again " + again + " ms after the restart answered"
          + (left.isEmpty() ? "" : "; left running: " + left));
      d.start();
    }
    checks.retryLostRuns().forEach(n -> say("round " + round + ": " + n));
    awaitSettled(round);
    checks.resolve();
    say("round " + round + ": restarted and settled in " + ms(t0) + " ms");
    List<String> bad = awaitInvariant();
    if (!bad.isEmpty()) {
      fail(failure("round " + round + ": " + bad.size() + " problem(s):\n  " + String.join("\n  ", bad)));
    }
    List<String> failed = new ArrayList<>();
    d.customImages().forEach((id, i) -> {
      if ("CreateFailed".equals(i.path("Status").asText())) {
        failed.add(id + ": " + i.path("ErrorMessage").asText());
      }
    });
    say("round " + round + ": held for " + d.instances().size() + " instances, "
        + d.customImages().size() + " custom images, " + d.snapshots().size() + " snapshots"
        + (failed.isEmpty() ? "" : "; CreateFailed: " + failed));
  }

  /** No instance Pending, Starting or Stopping, no image Creating. */
  private void awaitSettled(int round) {
    List<String> busy = new ArrayList<>();
    try {
      DaemonProcess.await("the daemon to settle", SETTLE, () -> {
        busy.clear();
        busy.addAll(checks.busy());
        return busy.isEmpty();
      });
    } catch (AssertionError e) {
      throw new AssertionError(failure("round " + round + ": " + e.getMessage() + "; still busy: " + busy), e);
    }
  }

  /** The checks, polled until they hold (a release may still be under way); the last findings otherwise. */
  private List<String> awaitInvariant() {
    long deadline = System.nanoTime() + HOLD.toNanos();
    while (true) {
      List<String> bad = checks.verify();
      if (bad.isEmpty() || System.nanoTime() > deadline) {
        return bad;
      }
      DaemonProcess.sleep(500);
    }
  }

  private String failure(String what) {
    return what + "\n(seed " + seed + ": rerun with -Decsbox.it.seed=" + seed + ")\n" + checks.dump()
        + "\n--- daemon log tail (" + d.log() + ")\n" + d.tail(6000);
  }

  // ---- cleanup

  private void cleanUp() {
    long t0 = System.nanoTime();
    d.instances().keySet().forEach(id -> {
      d.call("DeleteInstance", "InstanceId", id, "Force", "true");
      ledger.instances.deleted(id);
    });
    DaemonProcess.await("every instance to go", SETTLE, () -> d.instances().isEmpty()
        && rows("SELECT instance_id FROM instances").isEmpty());
    List<String> snaps = new ArrayList<>(d.snapshots().keySet());
    Collections.reverse(snaps); // newest first: nothing to merge into; images next, their files unpinned
    snaps.forEach(id -> d.call("DeleteSnapshot", "SnapshotId", id, "Force", "true"));
    DaemonProcess.await("every snapshot to go", SETTLE, () -> rows("SELECT snapshot_id FROM snapshots").isEmpty());
    d.customImages().keySet().forEach(id -> {
      d.call("DeleteImage", "ImageId", id, "Force", "true");
      ledger.images.deleted(id);
    });
    DaemonProcess.await("every custom image file and row to go", IMAGE_GC,
        () -> LifecycleChecks.list(d.dataDir().resolve("images/custom")).isEmpty()
            && rows("SELECT image_id FROM images WHERE account_id IS NOT NULL").isEmpty());
    List<String> bad = new ArrayList<>(awaitInvariant());
    HostStorageView host = new HostStorageView(d.dataDir(), db);
    if (!host.volumeFiles().isEmpty() || !host.layers().isEmpty()) {
      bad.add("LEAK after deleting everything:\n" + host.dump());
    }
    List<String> rows = rows("SELECT 'disk ' || disk_id FROM disks UNION ALL SELECT 'nic ' || eni_id"
        + " FROM network_interfaces WHERE instance_id IS NOT NULL");
    if (!rows.isEmpty()) {
      bad.add("rows left: " + rows);
    }
    if (!checks.nicChains().isEmpty()) {
      bad.add("chains left: " + checks.nicChains());
    }
    bad.addAll(d.stopAndListLeftovers());
    db.close();
    db = null;
    d.close();
    assertEquals(List.of(), bad, "nothing left behind (seed " + seed + ")");
    say("cleaned up in " + ms(t0) + " ms: no domain, file, row, process or chain left");
  }

  /** After a failure: the domains, the daemon, its children and the data dir go anyway. */
  private void backstop() {
    try {
      if (d.alive()) {
        d.instances().keySet().forEach(id -> d.call("DeleteInstance", "InstanceId", id, "Force", "true"));
      }
    } catch (RuntimeException e) {
      System.out.println("LifecycleCrashIT cleanup: " + e.getMessage());
    }
    d.stopAndReap();
    if (db != null) {
      db.close();
    }
    d.close();
  }

  private List<String> rows(String sql, Object... args) {
    return db.query(sql, rs -> rs.getString(1), args);
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void say(String s) {
    System.out.println("LifecycleCrashIT " + java.time.LocalTime.now().withNano(0) + " " + s);
  }
}
