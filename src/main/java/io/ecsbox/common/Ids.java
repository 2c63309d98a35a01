package io.ecsbox.common;

import java.security.SecureRandom;

/** Makes resource ids like ECS does: a type prefix, a dash and 20 lowercase alphanumerics. */
public final class Ids {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String next(String prefix) {
    return prefix + "-" + random(20, ALPHABET);
  }

  /** Random text of {@code n} characters drawn from {@code alphabet}. */
  public static String random(int n, String alphabet) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** True when {@code id} has our shape for {@code prefix}; ids reach host paths, so we check. */
  public static boolean valid(String prefix, String id) {
    return id != null && id.matches(java.util.regex.Pattern.quote(prefix) + "-[a-z0-9]{1,40}");
  }
}
