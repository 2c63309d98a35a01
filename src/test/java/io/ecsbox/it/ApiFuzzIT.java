package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.bench.ApiFuzzer;
import io.ecsbox.bench.DaemonState;
import io.ecsbox.bench.FuzzRun;
import io.ecsbox.bench.RawCaller;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Action the daemon serves (from its own registry, so a new one is fuzzed without a test
 * change) gets {@link ApiFuzzer}'s hostile calls by GET and POST, signed as the admin: no HTTP
 * 5xx, every answer one an SDK reads, and a refused call changes nothing. {@link FuzzRun} says
 * how: the store is compared around every refused call, the host objects (domains, files,
 * bridges, namespaces, chains, sets, DHCP processes) around each action's batch. The seed is
 * fixed ({@code -Decsbox.fuzz.seed} changes it) and printed with every failure; {@code
 * -Decsbox.fuzz.perKind} sets the calls per kind and action (default 2). Throttling is off here.
 */
class ApiFuzzIT {
  private static final long SEED = Long.getLong("ecsbox.fuzz.seed", 20261207L);
  private static final int PER_KIND = Integer.getInteger("ecsbox.fuzz.perKind", 2);

  @Test
  void everyActionAnswersLikeEcsAndARefusedCallChangesNothing() throws Exception {
    long t0 = System.nanoTime();
    try (EcsboxHarness h = EcsboxHarness.start("fuzz", List.of(), Map.of("ECSBOX_API_RATE", "0"));
        DaemonState state = new DaemonState(h.dataDir(), h.networkTag(), EcsboxHarness.LIBVIRT_URI)) {
      FuzzRun run = new FuzzRun(new RawCaller(URI.create(h.endpoint()), h.accessKeyId(), h.accessKeySecret()),
          state, SEED);
      List<String> actions = h.actions();
      for (String action : actions) {
        run.fuzz(action, PER_KIND);
      }
      FuzzRun.Report r = run.report();
      System.out.printf("ApiFuzzIT: seed %d, %d actions, %d calls in %d s: %d 5xx, %d non-ECS, %d changed after"
          + " refusal, %d host windows (%d changed); succeeded: %s%n", SEED, actions.size(), r.calls(),
          (System.nanoTime() - t0) / 1_000_000_000L, r.serverErrors(), r.nonEcs(), r.changedAfterRefusal(),
          r.hostWindows(), r.hostChanged(), r.succeeded());
      assertTrue(r.clean(), "seed " + SEED + " (rerun with -Decsbox.fuzz.seed=" + SEED + "):\n"
          + String.join("\n", r.findings()));
      assertEquals((long) actions.size() * ApiFuzzer.Kind.values().length * PER_KIND, r.calls());
      assertEquals(0, h.totalInstances(), "no fuzzed call may launch a guest");
    }
  }
}
