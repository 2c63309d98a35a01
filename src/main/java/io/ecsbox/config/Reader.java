package io.ecsbox.config;

import io.ecsbox.config.ConfigException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings from flags, then the environment, then the config file, then defaults, and
 * collects every problem.
 */
final class Reader {
  private static final int SHOWN_CHARS = 80;
  private final Map<String, String> env;
  private final DaemonConfig.Flags flags;
  private final ConfigFile file;
  private final List<Problem> problems = new ArrayList<>();

  Reader(Map<String, String> env, DaemonConfig.Flags flags, ConfigFile file) {
    this.env = env;
    this.flags = flags == null ? DaemonConfig.Flags.NONE : flags;
    this.file = file == null ? ConfigFile.NONE : file;
  }

  /**
   * Where a value came from and its raw text.
   *
   * @param name   the flag or variable as the operator wrote it, for problems
   * @param source the flag, {@code environment} or the file and line, for {@code config show}
   */
  private record Raw(String name, String source, String text) {}

  /**
   * The raw value: the flag when given (even blank), else the variable unless blank, else the
   * file's value unless blank, else empty.
   */
  private Optional<Raw> raw(Setting<?> s) {
    String flagValue = s.flag() == null ? null : flags.value(s.flag());
    if (flagValue != null) {
      return Optional.of(new Raw(s.flag(), "flag " + s.flag(), flagValue));
    }
    String v = env.get(s.env());
    if (v != null && !v.isBlank()) {
      return Optional.of(new Raw(s.env(), "environment", v));
    }
    return file.get(s.env()).filter(e -> !e.value().isBlank())
        .map(e -> new Raw(s.env() + " (" + file.where(s.env()) + ")", file.where(s.env()), e.value()));
  }

  /** Where the value of {@code s} comes from: a flag, the environment, a file and line, or {@code default}. */
  String source(Setting<?> s) {
    return raw(s).map(Raw::source).orElse("default");
  }

  boolean isSet(Setting<?> s) {
    return raw(s).isPresent();
  }

  /** The parsed value; empty when unset or bad (a bad one is recorded). */
  <T> Optional<T> optional(Setting<T> s) {
    Optional<Raw> raw = raw(s);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String text = raw.get().text().strip();
    try {
      if (!text.isEmpty()) {
        return Optional.of(s.parser().apply(text));
      }
    } catch (IllegalArgumentException e) {
      // recorded below; the parser's own words add nothing to what the setting accepts
    }
    reject(s, s.accepts());
    return Optional.empty();
  }

  /** The parsed value, else the default (also after recording a bad value, so reading goes on). */
  <T> T get(Setting<T> s) {
    return optional(s).orElse(s.defaultValue());
  }

  /** Records that the set value of {@code s} is bad: expected {@code expected}. */
  void reject(Setting<?> s, String expected) {
    Raw raw = raw(s).orElseThrow();
    problems.add(new Problem(raw.name(), s.secret() ? "a value (hidden: secret)" : quote(raw.text()), expected));
  }

  /** Records that {@code s} is unset though it must be set: expected {@code expected}. */
  void missing(Setting<?> s, String expected) {
    problems.add(new Problem(s.env(), "nothing", expected));
  }

  void throwIfAny() {
    if (!problems.isEmpty()) {
      // one order whatever the order of the checks: that of Settings.ALL
      List<String> order = Settings.ALL.stream().flatMap(s -> java.util.stream.Stream.of(s.flag(), s.env()))
          .filter(n -> n != null).toList();
      problems.sort(java.util.Comparator.comparingInt(p -> order.indexOf(p.name())));
      throw new ConfigException(problems);
    }
  }

  /** The value in quotes, control characters escaped (\\uXXXX), cut after 80 characters. */
  static String quote(String v) {
    StringBuilder sb = new StringBuilder("'");
    v.codePoints().limit(SHOWN_CHARS).forEach(c -> {
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.append(v.codePointCount(0, v.length()) > SHOWN_CHARS ? "'..." : "'").toString();
  }
}
