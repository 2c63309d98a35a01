package io.ecsbox.api.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Remembers used signature nonces until they can no longer be replayed.
 *
 * <p>Each entry carries its own expiry (the request's timestamp plus the accepted clock skew
 * plus slack); expired entries are purged on every call. Keys are stored as a 128-bit hash,
 * so a client-chosen huge nonce costs no more memory than a short one (about 100 bytes an
 * entry). Bounded: past {@code maxEntries} the entries closest to expiry are dropped first,
 * which only reopens a replay chance for requests already near the end of their window.
 * Thread-safe (one lock; each call is O(log n) plus the purge).
 */
public final class NonceCache {
  /** Default cap: ~100 MB at worst, reached only by over 1,000 authenticated requests/s. */
  public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

  private record Key(long hi, long lo) {}

  private record Entry(long expiresAtMillis, Key key) {}

  private final int maxEntries;
  private final Set<Key> keys = new HashSet<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>(Comparator.comparingLong(Entry::expiresAtMillis));

  public NonceCache() {
    this(DEFAULT_MAX_ENTRIES);
  }

  public NonceCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /**
   * Records {@code nonce} unless it is already known and unexpired.
   *
   * @param nonce the scope-qualified nonce (the authenticator prefixes the AccessKeyId)
   * @param expiresAt when the nonce may be forgotten (no request carrying it is valid after)
   * @param now the current time, from the caller's clock
   * @return true if the nonce was new and is now recorded; false if it was seen before
   */
  public synchronized boolean firstUse(String nonce, Instant expiresAt, Instant now) {
    purge(now.toEpochMilli());
    Key key = hash(nonce);
    if (keys.contains(key)) {
      return false;
    }
    while (keys.size() >= maxEntries) {
      keys.remove(byExpiry.poll().key());
    }
    keys.add(key);
    byExpiry.add(new Entry(expiresAt.toEpochMilli(), key));
    return true;
  }

  /** How many nonces are held now (for metrics and tests). */
  public synchronized int size() {
    return keys.size();
  }

  private void purge(long nowMillis) {
    while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMillis() <= nowMillis) {
      keys.remove(byExpiry.poll().key());
    }
  }

  private static Key hash(String nonce) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.wrap(d);
      return new Key(b.getLong(), b.getLong());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
