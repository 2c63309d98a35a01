package io.ecsbox.cli.image;

/** Text progress bar from an ECS {@code Progress} value such as "45%". */
final class ProgressBar {
  static final int WIDTH = 20;

  private ProgressBar() {}

  /** The percentage in "45%" (clamped to 0..100); 0 when unreadable. */
  static int percent(String progress) {
    if (progress == null) {
      return 0;
    }
    try {
      int p = Integer.parseInt(progress.strip().replace("%", ""));
      return Math.max(0, Math.min(100, p));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** E.g. {@code ########............ 45%}. */
  static String render(int percent) {
    int full = percent * WIDTH / 100;
    return "#".repeat(full) + ".".repeat(WIDTH - full) + " " + percent + "%";
  }
}
