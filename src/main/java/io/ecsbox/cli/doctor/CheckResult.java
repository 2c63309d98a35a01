package io.ecsbox.cli.doctor;

/**
 * One doctor check: its level, name, what was found, and how to fix it (null when there is
 * nothing to fix). Printed as {@code LEVEL name: detail} plus an indented {@code fix:} line.
 */
public record CheckResult(Level level, String name, String detail, String fix) {
  /** How bad a finding is; only FAIL makes {@code ecsbox doctor} exit 1. */
  public enum Level {
    OK,
    WARN,
    FAIL
  }

  public static CheckResult ok(String name, String detail) {
    return new CheckResult(Level.OK, name, detail, null);
  }

  public static CheckResult warn(String name, String detail, String fix) {
    return new CheckResult(Level.WARN, name, detail, fix);
  }

  public static CheckResult fail(String name, String detail, String fix) {
    return new CheckResult(Level.FAIL, name, detail, fix);
  }

  /** The report lines for this check. */
  public String render() {
    String line = level + " " + name + ": " + detail + "\n";
    return fix == null || level == Level.OK ? line : line + "  fix: " + fix + "\n";
  }
}
