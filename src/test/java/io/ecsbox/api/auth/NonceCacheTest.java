package io.ecsbox.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NonceCacheTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void secondUseIsRefusedUntilExpiry() {
    NonceCache cache = new NonceCache();
    Instant expires = T0.plusSeconds(60);
    assertTrue(cache.firstUse("n1", expires, T0));
    assertFalse(cache.firstUse("n1", expires, T0.plusSeconds(59)));
    assertTrue(cache.firstUse("n2", expires, T0.plusSeconds(1)));
    // At expiry the entry is forgotten and memory is released.
    assertTrue(cache.firstUse("n3", T0.plusSeconds(120), T0.plusSeconds(60)));
    assertEquals(1, cache.size());
    assertTrue(cache.firstUse("n1", T0.plusSeconds(120), T0.plusSeconds(61)));
  }

  @Test
  void capDropsTheEntriesClosestToExpiry() {
    NonceCache cache = new NonceCache(3);
    cache.firstUse("late", T0.plusSeconds(300), T0);
    cache.firstUse("soon", T0.plusSeconds(100), T0);
    cache.firstUse("mid", T0.plusSeconds(200), T0);
    assertTrue(cache.firstUse("new", T0.plusSeconds(400), T0));
    assertEquals(3, cache.size());
    assertTrue(cache.firstUse("soon", T0.plusSeconds(100), T0), "dropped at the cap");
    assertFalse(cache.firstUse("late", T0.plusSeconds(300), T0), "kept");
    assertFalse(cache.firstUse("new", T0.plusSeconds(400), T0), "kept");
  }

  @Test
  void longNoncesAreHeldAsFixedSizeKeysButStayDistinct() {
    NonceCache cache = new NonceCache();
    String big = "x".repeat(100_000);
    assertTrue(cache.firstUse(big, T0.plusSeconds(60), T0));
    assertTrue(cache.firstUse(big + "y", T0.plusSeconds(60), T0));
    assertFalse(cache.firstUse(big, T0.plusSeconds(60), T0));
  }

  @Test
  void concurrentUsesOfOneNonceSucceedOnce() throws Exception {
    NonceCache cache = new NonceCache();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> cache.firstUse("same", T0.plusSeconds(60), T0)));
      }
      int winners = 0;
      for (Future<Boolean> f : results) {
        winners += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsANonPositiveCap() {
    assertThrows(IllegalArgumentException.class, () -> new NonceCache(0));
  }
}
