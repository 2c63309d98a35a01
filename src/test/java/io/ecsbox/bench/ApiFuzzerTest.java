package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generator: the same calls for the same seed, every kind by GET and POST, nothing that could launch. */
class ApiFuzzerTest {
  @Test
  void theSameSeedGivesTheSameCalls() {
    assertEquals(new ApiFuzzer(42).batch("RunInstances", 3).toString(),
        new ApiFuzzer(42).batch("RunInstances", 3).toString());
    assertNotEquals(new ApiFuzzer(42).batch("RunInstances", 3).toString(),
        new ApiFuzzer(43).batch("RunInstances", 3).toString());
  }

  @Test
  void everyKindComesByGetAndPost() {
    List<ApiFuzzer.Call> calls = new ApiFuzzer(1).batch("DescribeDisks", 2);
    assertEquals(ApiFuzzer.Kind.values().length * 2, calls.size());
    Set<ApiFuzzer.Kind> kinds = calls.stream().map(ApiFuzzer.Call::kind).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(ApiFuzzer.Kind.class), kinds);
    assertEquals(Set.of("GET", "POST"), calls.stream().map(ApiFuzzer.Call::method).collect(Collectors.toSet()));
  }

  @Test
  void oversizedCallsCarryOneMebibyteValueAndRepeatsRepeatANameOnly() {
    for (ApiFuzzer.Call c : new ApiFuzzer(7).batch("CreateDisk", 20)) {
      long big = c.params().stream().filter(p -> p.getValue().length() >= ApiFuzzer.MIB / 2).count();
      assertEquals(c.kind() == ApiFuzzer.Kind.OVERSIZED ? 1 : 0, big, c.toString());
      if (c.kind() == ApiFuzzer.Kind.DUPLICATE) {
        assertTrue(c.params().size() > c.params().stream().map(Map.Entry::getKey).distinct().count(), c.toString());
      }
    }
  }

  @Test
  void noCallNamesTheImageAndTypeAGuestCouldBootFrom() {
    for (ApiFuzzer.Call c : new ApiFuzzer(3).batch("RunInstances", 50)) {
      Map<String, String> first = c.params().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
      assertFalse(first.getOrDefault("ImageId", "").startsWith("ecsbox-") && first.containsKey("InstanceType")
          && first.get("InstanceType").startsWith("ecs."), c.toString());
    }
  }
}
