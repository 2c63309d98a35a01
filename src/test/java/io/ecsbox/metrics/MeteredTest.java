package io.ecsbox.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timing proxy: named calls are reported with their outcome, every call passes through unchanged. */
class MeteredTest {
  interface Host {
    String start(String id);

    int state(String id);

    void stop(String id) throws java.io.IOException;
  }

  static final class FakeHost implements Host {
    final List<String> calls = new ArrayList<>();

    @Override
    public String start(String id) {
      calls.add("start " + id);
      return "started " + id;
    }

    @Override
    public int state(String id) {
      calls.add("state " + id);
      return 7;
    }

    @Override
    public void stop(String id) throws java.io.IOException {
      calls.add("stop " + id);
      throw new java.io.IOException("gone: " + id);
    }
  }

  @Test
  void namedCallsAreTimedWithTheirOutcomeAndOthersOnlyPassThrough() {
    FakeHost target = new FakeHost();
    List<String> seen = new ArrayList<>();
    Host h = Metered.timed(Host.class, target, Map.of("start", "start", "stop", "stop_guest"),
        (op, ok, nanos) -> seen.add(op + " " + ok + " " + (nanos >= 0)));
    assertEquals("started i-1", h.start("i-1"));
    assertEquals(7, h.state("i-1"));
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> h.stop("i-2"));
    assertEquals("gone: i-2", e.getMessage());
    assertEquals(List.of("start i-1", "state i-1", "stop i-2"), target.calls);
    assertEquals(List.of("start true true", "stop_guest false true"), seen);
  }

  @Test
  void aRuntimeExceptionIsTheAdaptersOwn() {
    IllegalStateException boom = new IllegalStateException("boom");
    Runnable r = Metered.timed(Runnable.class, () -> {
      throw boom;
    }, Map.of("run", "run"), (op, ok, nanos) -> {});
    assertSame(boom, assertThrows(IllegalStateException.class, r::run));
  }

  @Test
  void aNameTheInterfaceLacksIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Metered.timed(Host.class, new FakeHost(), Map.of("launch", "start"), (op, ok, nanos) -> {}));
  }

  @Test
  void everyOperationNamedForTheAgentsExists() {
    // Metered.timed refuses names the interface lacks: a renamed agent method fails here, not in production
    Metered.Observer none = (op, ok, nanos) -> {};
    Metered.timed(io.ecsbox.agent.ComputeAgent.class, null, HostOperations.COMPUTE, none);
    Metered.timed(io.ecsbox.agent.VolumeAgent.class, null, HostOperations.VOLUMES, none);
    Metered.timed(io.ecsbox.agent.ImageAgent.class, null, HostOperations.IMAGES, none);
    Metered.timed(io.ecsbox.agent.VpcAgent.class, null, HostOperations.VPCS, none);
    Metered.timed(io.ecsbox.agent.EipAgent.class, null, HostOperations.EIPS, none);
    Metered.timed(io.ecsbox.agent.FirewallAgent.class, null, HostOperations.FIREWALL, none);
  }
}
