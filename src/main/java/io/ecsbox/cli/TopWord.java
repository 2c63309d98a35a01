package io.ecsbox.cli;

/** The top-level command an {@code ecsbox} command line names, read before picocli parses it. */
final class TopWord {
  private TopWord() {}

  /**
   * The first argument that is not the global {@code -o/--output FORMAT}; null when there is
   * none or another option comes first ({@code --help}, {@code -V}: they are the top level's).
   */
  static String of(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-o") || a.equals("--output")) {
        i++; // its value
      } else if (!a.startsWith("--output=") && !(a.startsWith("-o") && a.length() > 2)) {
        return a.startsWith("-") ? null : a;
      }
    }
    return null;
  }
}
