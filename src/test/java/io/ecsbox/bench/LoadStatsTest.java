package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadStatsTest {
  @Test
  void throttlingCountsApartAndEveryOtherCodeOr5xxAsAnError() {
    LoadStats s = new LoadStats();
    s.ok(LoadAction.DescribeVpcs, 3);
    s.failed(LoadAction.DescribeVpcs, "Throttling", 400, "slow down");
    s.failed(LoadAction.RunInstances, "Throttling.User", 400, "slow down");
    s.failed(LoadAction.RunInstances, "OperationDenied.NoStock", 403, "full");
    s.failed(LoadAction.StopInstance, "InternalError", 500, "boom");
    s.failed(LoadAction.DescribeDisks, "RequestTimeout", 0, "no answer");
    assertEquals(6, s.calls());
    assertEquals(2, s.throttledCalls());
    assertEquals(3, s.errorCalls());
    assertEquals(Map.of("OperationDenied.NoStock", 1, "InternalError (HTTP 500)", 1, "RequestTimeout", 1), s.errors());
    assertEquals("StopInstance: boom", s.firstMessages().get("InternalError (HTTP 500)"));
    assertTrue(LoadStats.throttled("Throttling"));
    assertFalse(LoadStats.throttled("ThrottlingX"));
  }

  @Test
  void latencyIsOfSuccessfulCallsPerActionAndOfAllDescribes() {
    LoadStats s = new LoadStats();
    for (int i = 1; i <= 100; i++) {
      s.ok(LoadAction.DescribeInstances, i);
      s.ok(LoadAction.DescribeDisks, 1000 + i);
    }
    s.ok(LoadAction.RunInstances, 5000);
    s.failed(LoadAction.DescribeInstances, "Throttling", 400, "x");
    LoadStats.Row inst = s.rows().get(0);
    assertEquals(LoadAction.DescribeInstances, inst.action());
    assertEquals(101, inst.calls());
    assertEquals(1, inst.throttled());
    assertEquals(50, inst.latency().p50());
    assertEquals(99, inst.latency().p99());
    Stats d = s.describeLatency(); // 200 values: 1..100 and 1001..1100; RunInstances not among them
    assertEquals(100, d.p50());
    assertEquals(1098, d.p99());
    assertEquals(1100, d.max());
  }
}
