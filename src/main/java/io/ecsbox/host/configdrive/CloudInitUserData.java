package io.ecsbox.host.configdrive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * User data in cloud-init's own MIME multipart form, for a guest that gets a root password: a
 * {@code text/cloud-config} part setting it (a SHA-512 crypt hash, never a plaintext) and the
 * user's own user data as its own part(s), byte for byte, typed as cloud-init types them. Both
 * parts carry cloud-init's {@code Merge-Type}, so a user's own {@code chpasswd} list is appended,
 * not replaced. Pure: no host.
 */
public final class CloudInitUserData {
  /** cloud-init's merge rule: lists append, dicts merge recursively. */
  public static final String MERGE = "list(append)+dict(recurse_array)+str()";
  // First-line markers cloud-init knows, longest first (#include-once before #include).
  private static final String[][] STARTS = {
      {"#cloud-config-archive", "text/cloud-config-archive"}, {"#cloud-config-jsonp", "text/cloud-config-jsonp"},
      {"#cloud-config", "text/cloud-config"}, {"#cloud-boothook", "text/cloud-boothook"},
      {"#include-once", "text/x-include-once-url"}, {"#include", "text/x-include-url"},
      {"#part-handler", "text/part-handler"}, {"#upstart-job", "text/upstart-job"},
      {"#!", "text/x-shellscript"}};
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CloudInitUserData() {}

  /** The cloud-config that sets root's password to {@code hash} ({@code $6$…}) and allows SSH password logins. */
  public static String passwordConfig(String hash) {
    if (!hash.matches("\\$6\\$[./A-Za-z0-9$]+")) {
      throw new IllegalArgumentException("not a SHA-512 crypt hash");
    }
    return "#cloud-config\nchpasswd:\n  expire: false\n  users:\n  - {name: root, password: '" + hash
        + "', type: hash}\nssh_pwauth: true\n";
  }

  /** {@code userData} with the password part first; the user's bytes stay as they are. */
  public static byte[] withPassword(byte[] userData, String hash) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(part("text/cloud-config", passwordConfig(hash).getBytes(StandardCharsets.US_ASCII)));
    if (userData.length > 0) {
      List<byte[]> carried = mimeParts(userData);
      if (carried != null) {
        parts.addAll(carried);
      } else {
        parts.add(part(contentType(userData), userData));
      }
    }
    String boundary = boundary(parts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\nMIME-Version: 1.0\n\n")
        .getBytes(StandardCharsets.US_ASCII));
    for (byte[] p : parts) {
      out.writeBytes(("--" + boundary + "\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(p);
      out.write('\n'); // belongs to the delimiter: the part's body ends just before it
    }
    out.writeBytes(("--" + boundary + "--\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The MIME type cloud-init gives user data by its first line (gzip is looked into first). */
  static String contentType(byte[] userData) {
    byte[] start = gunzipped(userData);
    String head = new String(start, 0, Math.min(64, start.length), StandardCharsets.ISO_8859_1);
    for (String[] s : STARTS) {
      if (head.startsWith(s[0])) {
        return s[1];
      }
    }
    return "text/plain";
  }

  // One part: its headers, a blank line, the body as given.
  private static byte[] part(String type, byte[] body) {
    boolean ascii = true;
    for (byte b : body) {
      ascii &= b >= 0;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("Content-Type: " + type + (ascii ? "; charset=\"us-ascii\"" : "") + "\nMIME-Version: 1.0\n"
        + "Content-Transfer-Encoding: " + (ascii ? "7bit" : "binary") + "\nMerge-Type: " + MERGE + "\n\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * The parts of user data that is itself a MIME multipart (cloud-init's test: "MIME-Version:"
   * in its first 4096 bytes), each with its own headers and body unchanged; null otherwise.
   */
  static List<byte[]> mimeParts(byte[] userData) {
    String text = new String(userData, StandardCharsets.ISO_8859_1); // byte for byte
    if (!text.substring(0, Math.min(4096, text.length())).toLowerCase(Locale.ROOT).contains("mime-version:")) {
      return null;
    }
    int headerEnd = text.indexOf("\n\n");
    int crlfEnd = text.indexOf("\r\n\r\n");
    String headers = text.substring(0, headerEnd < 0 ? (crlfEnd < 0 ? text.length() : crlfEnd)
        : crlfEnd < 0 ? headerEnd : Math.min(headerEnd, crlfEnd));
    Matcher b = BOUNDARY.matcher(headers);
    if (!headers.toLowerCase(Locale.ROOT).contains("multipart/") || !b.find()) {
      return List.of(userData); // one MIME part: its headers and body as they are
    }
    String delimiter = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
    List<byte[]> parts = new ArrayList<>();
    int at = text.indexOf(delimiter);
    while (at >= 0) {
      int lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0 || text.startsWith(delimiter + "--", at)) {
        break;
      }
      int next = text.indexOf("\n" + delimiter, lineEnd);
      int end = next < 0 ? text.length() : next;
      if (end > lineEnd + 1 && text.charAt(end - 1) == '\r') {
        end--; // a CRLF before the delimiter belongs to it
      }
      parts.add(text.substring(lineEnd + 1, end).getBytes(StandardCharsets.ISO_8859_1));
      at = next < 0 ? -1 : next + 1;
    }
    return parts;
  }

  // A boundary that occurs in no part.
  private static String boundary(List<byte[]> parts) {
    while (true) {
      byte[] r = new byte[12];
      RANDOM.nextBytes(r);
      String b = "==ecsbox-" + HexFormat.of().formatHex(r) + "==";
      if (parts.stream().noneMatch(p -> new String(p, StandardCharsets.ISO_8859_1).contains(b))) {
        return b;
      }
    }
  }

  private static byte[] gunzipped(byte[] data) {
    if (data.length < 2 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
      return data;
    }
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
      return in.readNBytes(64);
    } catch (IOException e) {
      return data; // not gzip after all: typed by its own bytes
    }
  }
}
