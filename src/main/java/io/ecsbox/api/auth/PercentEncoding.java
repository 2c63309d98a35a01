package io.ecsbox.api.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ECS "percentEncode": UTF-8 percent-encoding in which only {@code A-Z a-z 0-9 - _ . ~}
 * stay literal, a space becomes {@code %20}, {@code *} becomes {@code %2A} and hex digits are
 * uppercase. Its output is also a valid URL query component, so the client sends it as is.
 * Pure functions, no state.
 */
public final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  /** Encodes {@code value} (null is treated as the empty string). */
  public static String encode(String value) {
    if (value == null) {
      return "";
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Sorts the parameters by name (String order, as the SDKs' TreeMap does; byte order for
   * ASCII names) and joins {@code encode(name)=encode(value)} with {@code &}.
   */
  public static String canonicalQuery(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return out.toString();
  }

  /**
   * Decodes an {@code application/x-www-form-urlencoded} text ({@code +} is a space). The
   * first occurrence of a repeated name wins; a name without {@code =} has the empty value.
   */
  public static Map<String, String> decodeForm(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return out;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '~';
  }
}
