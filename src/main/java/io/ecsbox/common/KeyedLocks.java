package io.ecsbox.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One fair lock per resource id (instance or disk), shared by everything that changes that
 * resource on the host. Take an instance's lock before a disk's, never the other way.
 */
public final class KeyedLocks {
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public ReentrantLock of(String key) {
    return locks.computeIfAbsent(key, k -> new ReentrantLock(true));
  }

  /** Runs {@code work} holding the locks of {@code keys}, taken in the order given (nulls skipped). */
  public <T> T with(Supplier<T> work, String... keys) {
    ReentrantLock[] held = new ReentrantLock[keys.length];
    try {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          held[i] = of(keys[i]);
          held[i].lock();
        }
      }
      return work.get();
    } finally {
      for (int i = keys.length - 1; i >= 0; i--) {
        if (held[i] != null) {
          held[i].unlock();
        }
      }
    }
  }

  /** Forgets the lock of a resource that is gone; holders keep their reference. */
  public void forget(String key) {
    locks.remove(key);
  }
}
