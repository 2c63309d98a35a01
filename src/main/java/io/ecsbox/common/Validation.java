package io.ecsbox.common;

import java.util.regex.Pattern;

/** ECS rules for user-chosen names (ecs-api.md §6.3). */
public final class Validation {
  private static final Pattern INSTANCE_NAME = Pattern.compile("[\\p{L}][\\p{L}\\p{N}:_.\\- ]{1,127}");
  private static final Pattern HOST_SEGMENT = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");

  private Validation() {}

  public static boolean instanceName(String s) {
    return s != null && INSTANCE_NAME.matcher(s).matches()
        && !s.startsWith("http://") && !s.startsWith("https://");
  }

  /** Linux host names: 2-64 characters, dot-separated segments of letters, digits and single dashes. */
  public static boolean hostName(String s) {
    if (s == null || s.length() < 2 || s.length() > 64 || s.startsWith(".") || s.endsWith(".")) {
      return false;
    }
    for (String seg : s.split("\\.", -1)) {
      if (!HOST_SEGMENT.matcher(seg).matches()) {
        return false;
      }
    }
    return true;
  }

  public static boolean description(String s) {
    return s != null && s.length() <= 256 && !s.startsWith("http://") && !s.startsWith("https://");
  }

  /** Tag keys: 1-128 characters, not starting with acs: or aliyun, no http(s)://. */
  public static boolean tagKey(String s) {
    return s != null && !s.isEmpty() && s.length() <= 128 && !s.startsWith("acs:") && !s.startsWith("aliyun")
        && !s.contains("http://") && !s.contains("https://");
  }

  public static boolean tagValue(String s) {
    return s != null && s.length() <= 128 && !s.contains("http://") && !s.contains("https://");
  }
}
