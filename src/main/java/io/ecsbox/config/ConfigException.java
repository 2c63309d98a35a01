package io.ecsbox.config;

import java.util.List;

/**
 * The daemon's settings are not valid: {@link #problems()} holds one entry per bad setting,
 * all of them, and the message lists them one a line. Never carries a secret's value.
 */
public final class ConfigException extends RuntimeException {
  private final List<Problem> problems;

  /**
   * One bad setting.
   *
   * @param name     the variable or flag as the operator wrote it ({@code ECSBOX_WORKERS}, {@code --listen})
   * @param got      what it was, quoted, or {@code nothing} when unset, or a hidden-value note for secrets
   * @param expected what it accepts
   */
  public record Problem(String name, String got, String expected) {
    @Override
    public String toString() {
      return name + ": got " + got + "; expected " + expected;
    }
  }

  ConfigException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The names of the bad settings, in the order of {@link Settings#ALL}. */
  public List<String> names() {
    return problems.stream().map(Problem::name).toList();
  }

  private static String message(List<Problem> problems) {
    StringBuilder sb = new StringBuilder(problems.size() == 1 ? "1 daemon setting is not valid:"
        : problems.size() + " daemon settings are not valid:");
    problems.forEach(p -> sb.append("\n  ").append(p));
    return sb.toString();
  }
}
