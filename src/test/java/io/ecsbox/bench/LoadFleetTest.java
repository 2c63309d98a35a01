package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadFleetTest {
  private final Random rnd = new Random(1);

  @Test
  void launchesInFlightCountAgainstTheBound() {
    LoadFleet f = new LoadFleet(2);
    assertTrue(f.reserve());
    assertTrue(f.reserve());
    assertFalse(f.reserve());
    f.launchFailed();
    assertTrue(f.reserve());
    f.launched("i-1", 10);
    f.launched("i-2", 10);
    assertFalse(f.reserve());
    assertEquals(2, f.peak());
    assertThrows(IllegalArgumentException.class, () -> new LoadFleet(0));
  }

  @Test
  void anAnswerSentBeforeTheLastChangeDoesNotBringBackAnOldStatus() {
    LoadFleet f = new LoadFleet(4);
    f.reserve();
    f.launched("i-1", 10);
    f.seen(11, Map.of("i-1", "Running"), Set.of());
    LoadFleet.Lease l = f.lease(rnd, LoadFleet.RUNNING).orElseThrow();
    f.changed(l.id(), "Stopping", false, 20);
    f.seen(15, Map.of("i-1", "Running"), Set.of()); // sent before the stop was answered
    assertTrue(f.lease(rnd, LoadFleet.RUNNING).isEmpty());
    f.seen(25, Map.of("i-1", "Stopped"), Set.of());
    assertEquals("i-1", f.lease(rnd, LoadFleet.STOPPED).orElseThrow().id());
  }

  @Test
  void aLeasedInstanceIsNotLeasedTwiceAndARefusalMakesItUnknown() {
    LoadFleet f = new LoadFleet(4);
    f.reserve();
    f.launched("i-1", 10);
    f.seen(11, Map.of("i-1", "Running"), Set.of());
    f.lease(rnd, LoadFleet.RUNNING).orElseThrow();
    assertTrue(f.lease(rnd, LoadFleet.RUNNING, LoadFleet.STOPPED).isEmpty());
    f.refused("i-1", 12);
    assertTrue(f.lease(rnd, LoadFleet.RUNNING, LoadFleet.STOPPED).isEmpty()); // until a Describe shows it
    f.seen(13, Map.of("i-1", "Running"), Set.of());
    assertTrue(f.lease(rnd, LoadFleet.RUNNING).isPresent());
  }

  @Test
  void aDeletedInstanceHoldsItsSlotUntilAskedForAndNotListed() {
    LoadFleet f = new LoadFleet(1);
    f.reserve();
    f.launched("i-1", 10);
    f.lease(rnd, "Pending").orElseThrow();
    f.changed("i-1", "Deleting", true, 20);
    assertFalse(f.reserve());
    f.seen(30, Map.of(), Set.of()); // a plain listing that does not show it proves nothing
    f.seen(31, Map.of("i-1", "Stopping"), Set.of("i-1")); // listed until released
    assertTrue(f.lease(rnd, "Stopping").isEmpty()); // deleting: never changed again
    assertEquals(List.of("i-1"), f.alive());
    f.seen(32, Map.of(), Set.of("i-1"));
    assertEquals(List.of(), f.alive());
    assertEquals(List.of("i-1"), f.made());
    assertTrue(f.reserve());
  }
}
