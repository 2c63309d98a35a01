package io.ecsbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartGateTest {
  @Test
  void holdsWorkUntilOpenThenPassesItOnInOrder() {
    List<Runnable> pool = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    StartGate gate = new StartGate(pool::add);
    gate.execute(() -> ran.add("merge"));
    gate.execute(() -> ran.add("attach"));
    assertEquals(0, pool.size(), "nothing reaches the pool before the garbage collection is done");
    gate.open();
    gate.execute(() -> ran.add("later"));
    pool.forEach(Runnable::run);
    assertEquals(List.of("merge", "attach", "later"), ran);
  }
}
