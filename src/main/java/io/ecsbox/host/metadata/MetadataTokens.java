package io.ecsbox.host.metadata;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Session tokens of the hardened mode: random, in memory only, each bound to one instance and
 * expiring after its TTL (1..21600 s). At most {@link #PER_INSTANCE} live tokens per
 * instance: a new one beyond that evicts the one closest to expiry.
 */
final class MetadataTokens {
  static final int MAX_TTL_SECONDS = 21600;
  static final int PER_INSTANCE = 64;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> tokens = new HashMap<>();

  private record Entry(String instanceId, long expiresAtMillis) {}

  MetadataTokens(Clock clock) {
    this.clock = clock;
  }

  /** A new token for {@code instanceId}, valid for {@code ttlSeconds} (checked by the caller). */
  synchronized String issue(String instanceId, int ttlSeconds) {
    if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
      throw new IllegalArgumentException("token TTL must be 1.." + MAX_TTL_SECONDS + " s: " + ttlSeconds);
    }
    long now = clock.millis();
    String oldest = null;
    long oldestExpiry = Long.MAX_VALUE;
    int live = 0;
    for (Iterator<Map.Entry<String, Entry>> it = tokens.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> e = it.next();
      if (e.getValue().expiresAtMillis() <= now) {
        it.remove();
      } else if (e.getValue().instanceId().equals(instanceId)) {
        live++;
        if (e.getValue().expiresAtMillis() < oldestExpiry) {
          oldestExpiry = e.getValue().expiresAtMillis();
          oldest = e.getKey();
        }
      }
    }
    if (live >= PER_INSTANCE) {
      tokens.remove(oldest);
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    tokens.put(token, new Entry(instanceId, now + ttlSeconds * 1000L));
    return token;
  }

  /** The instance a token belongs to while it is valid; empty if unknown or expired. */
  synchronized Optional<String> instanceOf(String token) {
    Entry e = tokens.get(token);
    if (e == null) {
      return Optional.empty();
    }
    if (e.expiresAtMillis() <= clock.millis()) {
      tokens.remove(token);
      return Optional.empty();
    }
    return Optional.of(e.instanceId());
  }

  synchronized int size() {
    return tokens.size();
  }
}
