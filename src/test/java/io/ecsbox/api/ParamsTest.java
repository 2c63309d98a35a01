package io.ecsbox.api;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
  @Test
  void repeatListsAreOneBasedAndEndAtAGap() {
    Params p = new Params(Map.of("InstanceId.1", "i-a", "InstanceId.2", "i-b", "InstanceId.4", "i-d"));
    assertEquals(List.of("i-a", "i-b"), p.list("InstanceId", 100));
  }

  @Test
  void tooManyRepeatsIsAnError() {
    Params p = new Params(Map.of("InstanceId.1", "a", "InstanceId.2", "b", "InstanceId.3", "c"));
    TestErrors.thrown(() -> p.list("InstanceId", 2));
  }

  @Test
  void jsonArrayFilterDistinguishesAbsentFromEmpty() {
    assertTrue(new Params(Map.of()).jsonArray("InstanceIds", 100).isEmpty());
    assertEquals(List.of(), new Params(Map.of("InstanceIds", "[]")).jsonArray("InstanceIds", 100).orElseThrow());
    assertEquals(List.of("i-1", "i-2"),
        new Params(Map.of("InstanceIds", "[\"i-1\",\"i-2\"]")).jsonArray("InstanceIds", 100).orElseThrow());
    EcsException e = TestErrors.thrown(
        () -> new Params(Map.of("InstanceIds", "i-1")).jsonArray("InstanceIds", 100));
    assertEquals("InvalidParameter.InstanceIds", e.code());
  }

  @Test
  void integersAreRangeChecked() {
    Params p = new Params(Map.of("Amount", "101", "PageSize", "x"));
    EcsException e = TestErrors.thrown(() -> p.intValue("Amount", 1, 1, 100));
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains("between 1 and 100"), e.getMessage());
    TestErrors.thrown(() -> p.intValue("PageSize", 10, 1, 100));
    assertEquals(7, new Params(Map.of()).intValue("Amount", 7, 1, 100));
  }

  @Test
  void missingRequiredParameterHasTheEcsMessage() {
    EcsException e = TestErrors.thrown(() -> new Params(Map.of("ImageId", "")).require("ImageId"));
    assertEquals("MissingParameter", e.code());
    assertEquals("The input parameter \"ImageId\" that is mandatory for processing this request is not supplied.",
        e.getMessage());
  }

  @Test
  void tagsKeepOrderAndRejectReservedKeys() {
    Params p = new Params(Map.of("Tag.1.Key", "env", "Tag.1.Value", "dev", "Tag.2.Key", "team"));
    assertEquals(List.of("env", "team"), List.copyOf(p.tags(20).keySet()));
    assertEquals("", p.tags(20).get("team"));
    EcsException e = TestErrors.thrown(
        () -> new Params(Map.of("Tag.1.Key", "aliyun:x")).tags(20));
    assertEquals("InvalidTagKey.Malformed", e.code());
  }

  @Test
  void booleansAreStrict() {
    assertTrue(new Params(Map.of("Force", "true")).bool("Force", false));
    TestErrors.thrown(() -> new Params(Map.of("Force", "yes")).bool("Force", false));
  }

  @Test
  void pagingSlicesAndEchoes() {
    Page<Integer> page = Page.of(List.of(1, 2, 3, 4, 5), new Params(Map.of("PageNumber", "2", "PageSize", "2")), 100);
    assertEquals(List.of(3, 4), page.items());
    assertEquals(5, page.total());
    assertEquals(List.of(), Page.of(List.of(1), new Params(Map.of("PageNumber", "9")), 100).items());
  }
}
