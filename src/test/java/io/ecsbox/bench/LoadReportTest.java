package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTest {
  private static LoadBench.Result run(LoadStats stats, List<String> stillListed) {
    LoadBench.Settings s =
        new LoadBench.Settings(50, Duration.ofSeconds(300), 8, "ecsbox-tiny-x64", "ecs.t5-lc2m1.nano");
    return new LoadBench.Result(s, 300, stats, 8, List.of("i-1", "i-2"), new LoadBench.Cleanup(2, 3.5, stillListed));
  }

  private static LoadStats stats() {
    LoadStats st = new LoadStats();
    st.ok(LoadAction.DescribeInstances, 12.5);
    st.ok(LoadAction.DescribeInstances, 20);
    st.failed(LoadAction.StopInstance, "Throttling", 400, "x");
    return st;
  }

  @Test
  void jsonHasTheFiguresAndNullForWhatWasNotMeasured() {
    ObjectNode o = new LoadReport(run(stats(), List.of()), "daemon pid 7",
        new ProcessMemory.Sample(100, Double.NaN, Double.NaN),
        new ProcessMemory.Sample(150.333, Double.NaN, Double.NaN), List.of(), false, 1.25).json();
    assertEquals(3, o.path("calls").asInt());
    assertEquals(0, o.path("errors").asInt());
    assertEquals(1, o.path("throttled").asInt());
    assertEquals(20.0, o.path("describe").path("p99Ms").asDouble());
    assertTrue(o.path("actions").path("StopInstance").path("p50Ms").isNull()); // no successful stop
    assertEquals(50.33, o.path("memory").path("rssGrowthMiB").asDouble());
    assertTrue(o.path("memory").path("heapStartMiB").isNull());
    assertEquals(1.25, o.path("cleanup").path("hostCleanSeconds").asDouble());
    assertEquals(0, o.path("leaks").size());
  }

  @Test
  void exitCodeIsOneOnAnErrorALeakOrAnInstanceStillListed() {
    ProcessMemory.Sample m = new ProcessMemory.Sample(1, 1, 1);
    assertEquals(0, new LoadReport(run(stats(), List.of()), "x", m, m, List.of(), true, 0).exitCode());
    LoadStats bad = stats();
    bad.failed(LoadAction.RunInstances, "InternalError", 500, "boom");
    assertEquals(1, new LoadReport(run(bad, List.of()), "x", m, m, List.of(), true, 0).exitCode());
    assertEquals(1, new LoadReport(run(stats(), List.of()), "x", m, m, List.of("domain i-1"), true, 0).exitCode());
    assertEquals(1, new LoadReport(run(stats(), List.of("i-2")), "x", m, m, List.of(), true, 0).exitCode());
  }

  @Test
  void linesSayWhoseMemoryAndWhatLeaked() {
    ProcessMemory.Sample m = new ProcessMemory.Sample(500, 40, 200);
    List<String> lines = new LoadReport(run(stats(), List.of()), "this JVM", m, m, List.of("dir /x/instances/i-1"),
        true, Double.NaN).lines();
    assertTrue(lines.stream()
        .anyMatch(l -> l.contains("memory of this JVM: RSS 500 MiB") && l.contains("heap after GC")),
        String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains("LEAKS: dir /x/instances/i-1")), String.join("\n", lines));
  }
}
