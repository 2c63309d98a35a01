package io.ecsbox.common;

import java.util.regex.Pattern;

/**
 * When a guest counts as up, read from its serial console: a line starting {@code ECSBOX-READY}
 * (the tiny test image, {@code ECSBOX-READY instance-id=<id> hostname=<name>}) or cloud-init's
 * last line, {@code Cloud-init v. 22.4.2 finished at <date>. Datasource <ds>.  Up <s> seconds}
 * (any cloud-init image whose cloud-final prints to the console, as Debian's and Ubuntu's do),
 * whichever comes first. {@code instance run --wait} and {@code bench launch} both decide so.
 */
public final class GuestReady {
  /** The tiny image's ready line starts so. */
  public static final String TINY_PREFIX = "ECSBOX-READY";

  // Anywhere in the line: the serial console may put a kernel message or an escape sequence first.
  private static final Pattern CLOUD_INIT_FINISHED = Pattern.compile("Cloud-init v\\. \\S+ finished at .*");

  private GuestReady() {}

  /** The first ready line of the console text (without its line end), or null. */
  public static String firstLine(String console) {
    for (String line : console.split("\r?\n|\r")) {
      String s = line.strip();
      if (s.startsWith(TINY_PREFIX)) {
        return s;
      }
      var m = CLOUD_INIT_FINISHED.matcher(s);
      if (m.find()) {
        return m.group();
      }
    }
    return null;
  }

  /**
   * Whether the console of instance {@code instanceId} shows it ready: its own ECSBOX-READY line
   * (with {@code instance-id=<instanceId>}, not a stale one), or cloud-init's finished line.
   */
  public static boolean isReady(String console, String instanceId) {
    Pattern tiny = Pattern.compile(Pattern.quote(TINY_PREFIX + " instance-id=" + instanceId) + "(\\s|$)");
    for (String line : console.split("\r?\n|\r")) {
      if (tiny.matcher(line).find() || CLOUD_INIT_FINISHED.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }
}
