package io.ecsbox.host.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingCommandTest {
  private static List<String> split(String s) throws Exception {
    List<String> lines = new ArrayList<>();
    StreamingCommand.splitLines(new StringReader(s), lines::add);
    return lines;
  }

  @Test
  void splitsOnCarriageReturnsAndNewlines() throws Exception {
    assertEquals(List.of("    (0.00/100%)", "    (50.00/100%)", "    (100.00/100%)"),
        split("    (0.00/100%)\r    (50.00/100%)\r    (100.00/100%)\r\n"));
    assertEquals(List.of("a", "b", "tail"), split("a\r\nb\n\ntail"));
    assertEquals(List.of(), split(""));
  }
}
