package io.ecsbox.scheduler;

import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.api.errors.EcsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private final Scheduler s = new Scheduler(new Capacity(2, 1000), 4.0, 2.0, "local-1a");

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

}
