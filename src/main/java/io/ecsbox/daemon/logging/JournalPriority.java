package io.ecsbox.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %prio}: the syslog priority prefix journald reads from a line ({@code SyslogLevelPrefix=}):
 * {@code <3>} error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug and trace.
 */
public final class JournalPriority extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return prefix(event.getLevel());
  }

  static String prefix(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> "<3>";
      case Level.WARN_INT -> "<4>";
      case Level.INFO_INT -> "<6>";
      default -> "<7>";
    };
  }

  /**
   * {@code %prioEx}: the throwable as {@code %xEx} prints it, each line with the event's priority,
   * so a stack trace is not filed at journald's default priority line by line.
   */
  public static final class Throwable extends ExtendedThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
      String trace = super.convert(event);
      if (trace.isEmpty()) {
        return trace;
      }
      String prefix = prefix(event.getLevel());
      StringBuilder sb = new StringBuilder();
      for (String line : trace.split("\n", -1)) {
        if (!line.isEmpty()) {
          sb.append(prefix).append(line);
        }
        sb.append('\n');
      }
      return sb.substring(0, sb.length() - 1);
    }
  }
}
