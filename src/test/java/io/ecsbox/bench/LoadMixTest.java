package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadMixTest {
  @Test
  void weighsEveryActionAndMostlyDescribes() {
    assertEquals(100, LoadMix.WEIGHTS.values().stream().mapToInt(Integer::intValue).sum());
    int describes = LoadMix.WEIGHTS.entrySet().stream().filter(e -> e.getKey().describe())
        .mapToInt(Map.Entry::getValue).sum();
    assertEquals(80, describes);
  }

  @Test
  void onAnEmptyFleetOnlyLaunchesUpToTheBoundAndDescribes() {
    LoadFleet fleet = new LoadFleet(2);
    LoadMix mix = new LoadMix(new Random(7));
    Map<LoadAction, Integer> seen = new EnumMap<>(LoadAction.class);
    for (int i = 0; i < 5000; i++) {
      seen.merge(mix.next(fleet).action(), 1, Integer::sum);
    }
    assertEquals(2, seen.get(LoadAction.RunInstances)); // the launches never come back: the slots stay taken
    for (LoadAction a : Set.of(LoadAction.StopInstance, LoadAction.StartInstance, LoadAction.DeleteInstance)) {
      assertTrue(!seen.containsKey(a), a + " without an instance to change");
    }
    assertEquals(4998, seen.entrySet().stream().filter(e -> e.getKey().describe()).mapToInt(Map.Entry::getValue).sum());
  }

  @Test
  void changesLeaseAnInstanceInTheStatusTheyNeed() {
    LoadFleet fleet = new LoadFleet(1);
    fleet.reserve();
    fleet.launched("i-1", 10);
    fleet.seen(11, Map.of("i-1", "Running"), Set.of());
    LoadMix mix = new LoadMix(new Random(3));
    LoadMix.Step change = null;
    for (int i = 0; i < 1000 && change == null; i++) {
      LoadMix.Step s = mix.next(fleet);
      change = s.action().describe() ? null : s;
    }
    assertTrue(change.action() == LoadAction.StopInstance || change.action() == LoadAction.DeleteInstance,
        change.toString());
    assertEquals("i-1", change.instanceId());
    if (change.action() == LoadAction.DeleteInstance) {
      assertTrue(change.force(), "a Running instance is deleted with Force");
    }
    for (int i = 0; i < 1000; i++) { // leased: nothing else may change it
      assertTrue(mix.next(fleet).action().describe());
    }
  }
}
