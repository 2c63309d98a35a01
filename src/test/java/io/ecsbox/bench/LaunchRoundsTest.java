package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchRoundsTest {
  private static LaunchResult run(String label, double allReady, double p50, double release) {
    return new LaunchResult(label, 2, Double.NaN, allReady, Map.of("a", p50, "b", allReady), release, Map.of());
  }

  private static LaunchRounds rounds(double... ecsAllReady) {
    LaunchRounds r = new LaunchRounds();
    for (int i = 0; i < ecsAllReady.length; i++) {
      int round = i + 1;
      r.add(new LaunchRounds.Pair(round, LaunchRounds.plainFirst(round), run("ecsbox", ecsAllReady[i], 5, 3),
          run("plain libvirt", 10, 4, 2)));
    }
    return r;
  }

  @Test
  void medianOfAnOddCountIsTheMiddleOneAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
    assertEquals(new LaunchRounds.Spread(1.1, 0.9, 1.3), LaunchRounds.Spread.of(List.of(1.3, 0.9, 1.1)));
    LaunchRounds.Spread even = LaunchRounds.Spread.of(List.of(1.0, 1.4, 0.8, 1.2));
    assertEquals(1.1, even.median(), 1e-9);
    assertEquals(0.8, even.min());
    assertEquals(1.4, even.max());
    assertTrue(Double.isNaN(LaunchRounds.Spread.of(List.of()).median()));
    assertEquals(new LaunchRounds.Spread(2.0, 2.0, 2.0), LaunchRounds.Spread.of(List.of(Double.NaN, 2.0)),
        "a round that timed out is left out, not averaged in");
  }

  @Test
  void roundsAlternateWhichRunGoesFirst() {
    assertFalse(LaunchRounds.plainFirst(1));
    assertTrue(LaunchRounds.plainFirst(2));
    assertFalse(LaunchRounds.plainFirst(3));
  }

  @Test
  void textShowsEachRoundsRatiosThenMedianAndSpread() {
    List<String> lines = rounds(11, 9, 12).lines();
    assertEquals(List.of(
        "round 1: ratio ecsbox/plain: all READY 1.10, READY p50 1.25, release 1.50",
        "round 2 (plain first): ratio ecsbox/plain: all READY 0.90, READY p50 1.25, release 1.50",
        "round 3: ratio ecsbox/plain: all READY 1.20, READY p50 1.25, release 1.50",
        "over 3 rounds, median [min-max]: all READY 1.10 [0.90-1.20], READY p50 1.25 [1.25-1.25],"
            + " release 1.50 [1.50-1.50]"), lines);
  }

  @Test
  void jsonHasEveryRunAndTheRatiosSpread() {
    JsonNode j = rounds(11, 9).json();
    assertEquals(2, j.path("rounds").size());
    JsonNode r2 = j.path("rounds").get(1);
    assertEquals(2, r2.path("round").asInt());
    assertTrue(r2.path("plainFirst").asBoolean());
    assertEquals(9.0, r2.path("ecsbox").path("allReadySeconds").asDouble());
    assertTrue(r2.path("ecsbox").path("allRunningSeconds").isNull(), "NaN is null in JSON");
    assertEquals(10.0, r2.path("plain").path("allReadySeconds").asDouble());
    assertEquals(0.9, r2.path("allReadyRatio").asDouble());
    assertEquals(1.0, j.path("ratios").path("allReady").path("median").asDouble());
    assertEquals(0.9, j.path("ratios").path("allReady").path("min").asDouble());
    assertEquals(1.1, j.path("ratios").path("allReady").path("max").asDouble());
  }
}
