package io.ecsbox.daemon.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The log line's pattern, decided once when logging starts (logback.xml's {@code LOG_PATTERN}):
 * under journald, whose lines carry their own time, each line starts with its syslog priority
 * ({@code <3>} …, see {@link JournalPriority}) and has no time stamp; anywhere else a line starts
 * with an ISO-8601 time stamp with date and zone. journald is told by {@code $JOURNAL_STREAM}
 * (systemd's {@code device:inode} of the stream it connected) naming this process's stderr, as
 * systemd.exec(5) recommends: a child whose stderr went elsewhere keeps the plain format.
 */
public final class LogPattern extends PropertyDefinerBase {
  /** Under journald: priority, level, thread, logger, message; a throwable's lines each with the priority too. */
  public static final String JOURNAL = "%prio%-5level [%thread] %logger{0} - %msg%n%prioEx";
  /** Elsewhere: ISO-8601 time with date and offset, level, thread, logger, message. */
  public static final String CONSOLE = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n";

  @Override
  public String getPropertyValue() {
    return pattern(System.getenv(), Path.of("/proc/self/fd/2"));
  }

  /** The pattern for a process with environment {@code env} whose stderr is {@code stderr}. */
  public static String pattern(Map<String, String> env, Path stderr) {
    return toJournal(env.get("JOURNAL_STREAM"), stderr) ? JOURNAL : CONSOLE;
  }

  /** True when {@code journalStream} ({@code dev:ino}) names the file or socket {@code stderr} is. */
  static boolean toJournal(String journalStream, Path stderr) {
    if (journalStream == null) {
      return false;
    }
    String[] parts = journalStream.strip().split(":");
    if (parts.length != 2) {
      return false;
    }
    try {
      long dev = Long.parseLong(parts[0]);
      long ino = Long.parseLong(parts[1]);
      Map<String, Object> st = Files.readAttributes(stderr, "unix:dev,ino");
      return ((Number) st.get("dev")).longValue() == dev && ((Number) st.get("ino")).longValue() == ino;
    } catch (NumberFormatException | IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
