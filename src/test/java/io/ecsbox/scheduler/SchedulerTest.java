package io.ecsbox.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.TestErrors;
import io.ecsbox.agent.HostResources;
import io.ecsbox.agent.HostResources.HostLimit;
import io.ecsbox.api.errors.EcsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private final Scheduler s =
      new Scheduler(() -> new HostResources(2, 1000, 100_000, List.of()), 4.0, 2.0, 0, "local-1a");

  @Test
  void eachDecisionIsCountedWithWhatRanOut() {
    List<String> seen = new java.util.ArrayList<>();
    io.ecsbox.common.Metrics m = new io.ecsbox.common.Metrics() {
      @Override
      public void schedulerDecision(String result) {
        seen.add(result);
      }
    };
    List<HostLimit> limits = List.of(new HostLimit("fs.aio-max-nr", 100, 0, 50, "raise it"));
    Scheduler counted = new Scheduler(() -> new HostResources(2, 4000, 4000, limits), 4.0, 1.0, 0, "z", m);
    counted.admit(new Scheduler.Usage(0, 0), 1, 1, 100);
    TestErrors.thrown(() -> counted.admit(new Scheduler.Usage(0, 0), 9, 1, 100));
    TestErrors.thrown(() -> counted.admit(new Scheduler.Usage(2, 200, 2, 0), 1, 1, 100));
    assertEquals(List.of("admitted", "cpu_memory", "host_limit"), seen);
  }

  @Test
  void admitsUpToTheOvercommittedCapacity() {
    s.admit(new Scheduler.Usage(0, 0), 8, 1, 250); // exactly 8 vCPU, 2000 MiB
    s.admit(new Scheduler.Usage(6, 1500), 1, 2, 500);
  }

  @Test
  void refusesBeyondItWithNoStockSayingWhatIsFree() {
    EcsException e = TestErrors.thrown(() -> s.admit(new Scheduler.Usage(6, 1900), 1, 1, 200));
    assertEquals("OperationDenied.NoStock", e.code());
    assertEquals(403, e.httpStatus());
    assertTrue(e.getMessage().contains("only 2 vCPU / 100 MiB are free"), e.getMessage());
    TestErrors.thrown(() -> s.admit(new Scheduler.Usage(0, 0), 9, 1, 1));
  }

  @Test
  void memoryIsHonestByDefaultLessTheReserve() {
    Scheduler honest = new Scheduler(() -> new HostResources(64, 24_000), 64, 1.0, 1200, "z");
    // 24,000 MiB less 1,200 for the host: 44 guests of 512 MiB fit, the 45th does not
    honest.admit(new Scheduler.Usage(0, 0), 44, 1, 512);
    EcsException e = TestErrors.thrown(() -> honest.admit(new Scheduler.Usage(44, 44 * 512L, 44, 0), 1, 1, 512));
    assertTrue(e.getMessage().contains("1200 MiB for the host"), e.getMessage());
  }

  @Test
  void theTightestKernelLimitCapsTheGuests() {
    List<HostLimit> limits = List.of(new HostLimit("fs.aio-max-nr", 65_536, 0, 1024, "sysctl"),
        new HostLimit("kernel.pty.max", 4096, 0, 1, "sysctl"), new HostLimit("conntrack", 100, 0, 0, "sysctl"));
    Scheduler lim = new Scheduler(() -> new HostResources(2, 1_000_000, 1_000_000, limits), 64, 1, 0, "z");
    assertEquals(64, lim.capacity().guests(), "65,536 AIO events / 1,024 per guest");
    lim.admit(new Scheduler.Usage(63, 0, 63, 0), 1, 1, 1);
    EcsException e = TestErrors.thrown(() -> lim.admit(new Scheduler.Usage(64, 0, 64, 0), 1, 1, 1));
    assertEquals("OperationDenied.NoStock", e.code());
    assertTrue(e.getMessage().contains("fs.aio-max-nr (65536, 1024 per guest) allows 64 guests"), e.getMessage());
  }

  @Test
  void withOvercommitAStartNeedsTheMemoryAvailableNow() {
    long[] available = {10_000};
    Scheduler lab = new Scheduler(() -> new HostResources(2, 24_000, available[0], List.of()), 64, 4.0, 1000, "z");
    // 10,000 available less 1,000 reserve less 2 starting x 256: 8,488 MiB hold 33 guests of 256 MiB
    lab.admit(new Scheduler.Usage(10, 5120, 10, 2), 33, 1, 512);
    EcsException e = TestErrors.thrown(() -> lab.admit(new Scheduler.Usage(10, 5120, 10, 2), 34, 1, 512));
    assertTrue(e.getMessage().contains("10000 MiB of memory available now"), e.getMessage());
    available[0] = 30_000;
    lab.admit(new Scheduler.Usage(10, 5120, 10, 2), 34, 1, 512);
  }
}
