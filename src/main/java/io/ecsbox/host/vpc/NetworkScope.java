package io.ecsbox.host.vpc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Which {@link LinuxNames} scope tag a daemon uses: {@code ECSBOX_NETWORK_TAG} when set, "main"
 * for the default data dir, else one derived from the data dir's path. So every data dir owns
 * its own netns, bridges and markers, and a daemon's reconcile never touches another's
 * (an IT's daemon leaves the real one's VPCs alone).
 */
public final class NetworkScope {
  public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/ecsbox");
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private NetworkScope() {}

  /** The tag for {@code dataDir}; a bad ECSBOX_NETWORK_TAG throws naming the variable. */
  public static String tagFor(Path dataDir, Map<String, String> env) {
    String set = env.get("ECSBOX_NETWORK_TAG");
    if (set != null && !set.isBlank()) {
      if (!set.strip().matches("[a-z0-9]{1,12}")) {
        throw new IllegalArgumentException("ECSBOX_NETWORK_TAG must be 1-12 of [a-z0-9], got '" + set + "'");
      }
      return set.strip();
    }
    Path dir = dataDir.toAbsolutePath().normalize();
    if (dir.equals(DEFAULT_DATA_DIR)) {
      return "main";
    }
    byte[] h = sha256(dir.toString());
    StringBuilder sb = new StringBuilder("d");
    for (int i = 0; i < 11; i++) {
      sb.append(BASE32.charAt((h[i] & 0xff) % 32));
    }
    return sb.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
