package io.ecsbox.config;

import java.util.function.Function;

/**
 * One daemon setting: where it is read from, what it accepts and what it means. The texts are
 * what error messages, {@link DaemonConfig#describe()} and the README's table say.
 *
 * @param env          the environment variable
 * @param flag         the {@code ecsbox daemon} option that overrides it, or null
 * @param defaultValue the value when unset, or null when there is none or it is derived
 * @param defaultText  the default as the README says it (Markdown)
 * @param accepts      what it accepts, plain text, completing "expected ..."
 * @param description  one line on what it does
 * @param secret       true when its value must never be printed
 * @param parser       reads a stripped, non-blank value; throws IllegalArgumentException when bad
 * @param shown        its value in a loaded config, for {@link DaemonConfig#describe()}
 */
public record Setting<T>(String env, String flag, T defaultValue, String defaultText, String accepts,
    String description, boolean secret, Function<String, T> parser, Function<DaemonConfig, ?> shown) {

  @Override
  public String toString() {
    return env;
  }
}
