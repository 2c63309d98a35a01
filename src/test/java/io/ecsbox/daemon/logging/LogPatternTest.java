package io.ecsbox.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journald is told by JOURNAL_STREAM naming stderr; its lines, stack traces included, carry priorities. */
class LogPatternTest {
  @Test
  void journaldOnlyWhenJournalStreamIsThisStderr(@TempDir Path dir) throws Exception {
    Path stderr = Files.createFile(dir.resolve("stderr"));
    Map<String, Object> st = Files.readAttributes(stderr, "unix:dev,ino");
    String mine = st.get("dev") + ":" + st.get("ino");
    assertEquals(LogPattern.JOURNAL, LogPattern.pattern(Map.of("JOURNAL_STREAM", mine), stderr));
    Path other = Files.createFile(dir.resolve("other"));
    assertEquals(LogPattern.CONSOLE, LogPattern.pattern(Map.of("JOURNAL_STREAM", mine), other));
    for (String bad : new String[] {"", "x:y", "1", "1:2:3", st.get("dev") + ":"}) {
      assertEquals(LogPattern.CONSOLE, LogPattern.pattern(Map.of("JOURNAL_STREAM", bad), stderr), bad);
    }
    assertEquals(LogPattern.CONSOLE, LogPattern.pattern(Map.of(), stderr));
  }

  @Test
  void prioritiesAsSyslogHasThemAndOnEveryLineOfAStackTrace() {
    assertEquals("<3>", JournalPriority.prefix(Level.ERROR));
    assertEquals("<4>", JournalPriority.prefix(Level.WARN));
    assertEquals("<6>", JournalPriority.prefix(Level.INFO));
    assertEquals("<7>", JournalPriority.prefix(Level.DEBUG));
    assertEquals("<7>", JournalPriority.prefix(Level.TRACE));
    LoggerContext ctx = new LoggerContext();
    JournalPriority.Throwable converter = new JournalPriority.Throwable();
    converter.setContext(ctx);
    converter.start();
    LoggingEvent e = new LoggingEvent("x", ctx.getLogger("t"), Level.WARN, "boom",
        new IllegalStateException("outer", new RuntimeException("inner")), null);
    String trace = converter.convert(e);
    assertTrue(trace.contains("IllegalStateException: outer") && trace.contains("inner"), trace);
    trace.lines().forEach(l -> assertTrue(l.startsWith("<4>"), l));
    assertEquals("", converter.convert(new LoggingEvent("x", ctx.getLogger("t"), Level.INFO, "ok", null, null)));
  }
}
