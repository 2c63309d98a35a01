package io.ecsbox.common;

import java.net.URI;
import java.util.Locale;

/** http(s) URLs as image sources: told apart from paths, and checked. */
public final class HttpUrls {
  private HttpUrls() {}

  /** True when {@code source} is an http or https URL rather than a path. */
  public static boolean isUrl(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    return s.startsWith("http://") || s.startsWith("https://");
  }

  /** {@code text} as an http(s) URL with a host; IllegalArgumentException says why not. */
  public static URI httpUrl(String text) {
    URI u;
    try {
      u = new URI(text.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getMessage(), e);
    }
    if (!isUrl(u.toString()) || u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException("use an http:// or https:// URL with a host name");
    }
    return u;
  }
}
