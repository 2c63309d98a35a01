package io.ecsbox.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the README's settings table equal to {@link Settings#markdownTable()}: the table sits
 * between {@value #BEGIN} and {@value #END}. {@code main [README.md]} rewrites it in place.
 */
public final class SettingsReadme {
  public static final String BEGIN = "<!-- settings:begin -->";
  public static final String END = "<!-- settings:end -->";

  private SettingsReadme() {}

  /** The table between the markers of {@code readme}; throws when the markers are missing. */
  public static String table(String readme) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the README has no " + BEGIN + " ... " + END + " section");
    }
    return readme.substring(begin + BEGIN.length(), end).strip() + "\n";
  }

  /** {@code readme} with the current table between the markers. */
  public static String update(String readme) {
    table(readme);
    int begin = readme.indexOf(BEGIN) + BEGIN.length();
    return readme.substring(0, begin) + "\n" + Settings.markdownTable() + readme.substring(readme.indexOf(END));
  }

  /** Rewrites the table in the README at {@code args[0]} (default {@code README.md}). */
  public static void main(String[] args) throws IOException {
    Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
    String old = Files.readString(readme);
    String updated = update(old);
    if (!updated.equals(old)) {
      Files.writeString(readme, updated);
    }
    System.out.println(readme + ": settings table " + (updated.equals(old) ? "already current" : "rewritten"));
  }
}
