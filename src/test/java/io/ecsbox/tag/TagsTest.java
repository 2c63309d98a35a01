package io.ecsbox.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.common.ServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagsTest {
  @Test
  void mergeOverwritesAKeyAndCountsTheResult() {
    assertEquals(Map.of("a", "2", "b", "1"), Tags.merge("i-1", Map.of("a", "1"), Map.of("a", "2", "b", "1")));
    Map<String, String> twenty = new LinkedHashMap<>();
    for (int n = 0; n < 20; n++) {
      twenty.put("k" + n, "v");
    }
    assertEquals(twenty, Tags.merge("i-1", twenty, Map.of("k0", "new")).keySet().stream()
        .collect(java.util.stream.Collectors.toMap(k -> k, k -> "v")));
    ServiceException e = assertThrows(ServiceException.class, () -> Tags.merge("i-1", twenty, Map.of("x", "y")));
    assertEquals(TagError.TOO_MANY_TAGS, e.condition());
  }

  @Test
  void removeAndMatch() {
    assertEquals(Map.of("b", "2"), Tags.remove(Map.of("a", "1", "b", "2"), List.of("a", "zz")));
    assertTrue(Tags.matches(Map.of("a", "1", "b", "2"), Map.of("a", "")), "an empty value: any value");
    assertTrue(Tags.matches(Map.of("a", "1"), Map.of("a", "1")));
    assertFalse(Tags.matches(Map.of("a", "1"), Map.of("a", "2")));
    assertFalse(Tags.matches(Map.of(), Map.of("a", "")));
  }

  @Test
  void typesParseInEitherApisSpelling() {
    assertEquals(Optional.of(ResourceType.VPC), ResourceType.parse("vpc"));
    assertEquals(Optional.of(ResourceType.VSWITCH), ResourceType.parse("VSWITCH"));
    assertEquals(Optional.of(ResourceType.SECURITYGROUP), ResourceType.parse("securitygroup"));
    assertEquals(Optional.empty(), ResourceType.parse("unicorn"));
    assertEquals(Optional.empty(), ResourceType.parse(null));
    assertEquals("instance", ResourceType.INSTANCE.apiName());
    assertEquals("EIP", ResourceType.EIP.apiName());
  }
}
