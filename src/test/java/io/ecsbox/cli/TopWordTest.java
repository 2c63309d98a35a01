package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TopWordTest {
  @Test
  void theFirstWordAfterTheOutputOption() {
    assertEquals("region", TopWord.of("region", "list"));
    assertEquals("region", TopWord.of("-o", "json", "region", "list"));
    assertEquals("instance", TopWord.of("--output", "json", "instance", "list", "-o", "table"));
    assertEquals("disk", TopWord.of("--output=json", "disk", "list"));
    assertEquals("vpc", TopWord.of("-ojson", "vpc", "list"));
  }

  @Test
  void noneWhenTheTopLevelIsAskedOrNothingIsNamed() {
    assertNull(TopWord.of());
    assertNull(TopWord.of("--help"));
    assertNull(TopWord.of("-h", "region"));
    assertNull(TopWord.of("-V"));
    assertNull(TopWord.of("-o", "json"));
    assertNull(TopWord.of("-o"));
    assertNull(TopWord.of("--bogus", "region"));
  }
}
