package io.ecsbox.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MAC addresses for our NICs: the locally administered, unicast prefix {@code 02:ec:b0}
 * followed by three bytes of SHA-256 over the NIC id (and an attempt number). The same id
 * always gives the same MAC, so an ENI keeps it across detach and attach; a caller that
 * finds the MAC already used by another NIC asks again with the next attempt.
 */
public final class MacAddresses {
  public static final String PREFIX = "02:ec:b0";

  private MacAddresses() {}

  public static String forNic(String nicId) {
    return forNic(nicId, 0);
  }

  public static String forNic(String nicId, int attempt) {
    byte[] h = sha256(attempt == 0 ? nicId : nicId + "#" + attempt);
    return PREFIX + ":" + HexFormat.ofDelimiter(":").formatHex(h, 0, 3);
  }

  /** True for a MAC of ours (lower-case, our prefix). */
  public static boolean isOurs(String mac) {
    return mac != null && mac.matches("02:ec:b0(:[0-9a-f]{2}){3}");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
