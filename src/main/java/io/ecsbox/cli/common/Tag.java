package io.ecsbox.cli.common;

/**
 * A tag given on the command line as {@code key=value} (or {@code key} alone, no value).
 * Picocli converts option text with {@link #parse}.
 */
public record Tag(String key, String value) {
  public static Tag parse(String text) {
    int eq = text.indexOf('=');
    String key = eq < 0 ? text : text.substring(0, eq);
    if (key.isBlank()) {
      throw new IllegalArgumentException("tag needs a key: KEY=VALUE, got '" + text + "'");
    }
    return new Tag(key, eq < 0 ? null : text.substring(eq + 1));
  }
}
