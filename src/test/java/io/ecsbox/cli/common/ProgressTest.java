package io.ecsbox.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void terminalRewritesOneLine() {
    StringWriter w = new StringWriter();
    Progress p = new Progress(new PrintWriter(w), true);
    p.update("1/2 Running", Duration.ofSeconds(3));
    p.update("2/2 Running", Duration.ofSeconds(4));
    p.done();
    assertEquals("\r[1/2 Running] 3 s\033[K\r[2/2 Running] 4 s\033[K\n",
        w.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void plainOutputPrintsChangesAndAPeriodicLine() {
    StringWriter w = new StringWriter();
    Progress p = new Progress(new PrintWriter(w), false);
    p.update("0/1 Running", Duration.ofSeconds(0));
    p.update("0/1 Running", Duration.ofSeconds(1));
    p.update("0/1 Running", Duration.ofSeconds(10));
    p.update("1/1 Running", Duration.ofSeconds(11));
    p.done();
    assertEquals("[0/1 Running] 0 s\n[0/1 Running] 10 s\n[1/1 Running] 11 s\n",
        w.toString().replace(System.lineSeparator(), "\n"));
  }
}
