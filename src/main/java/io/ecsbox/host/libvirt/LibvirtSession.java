package io.ecsbox.host.libvirt;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt connection shared by many threads. libvirt's connection object is itself
 * thread-safe, so calls run concurrently under a read lock; only replacing the connection
 * (after libvirtd restarted) and closing it take the write lock. A call that fails on a
 * dead connection is retried once on a fresh one, which is safe because every call we make
 * is idempotent. Other {@link LibvirtException}s become {@link HypervisorException}s.
 */
final class LibvirtSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LibvirtSession.class);

  /** Work done with a live connection; may throw libvirt's checked exception. */
  @FunctionalInterface
  interface Call<T> {
    T apply(Connect connect) throws LibvirtException;
  }

  private final String uri;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private Connect connect; // guarded by lock; null while down
  private boolean closed; // guarded by lock

  /** Connects at once so a wrong URI or a stopped libvirtd shows at start. */
  LibvirtSession(String uri) {
    this.uri = uri;
    this.connect = open(uri);
  }

  String uri() {
    return uri;
  }

  <T> T call(String what, Call<T> call) {
    for (int attempt = 1; ; attempt++) {
      Connect used;
      lock.readLock().lock();
      try {
        if (closed) {
          throw new IllegalStateException("libvirt session to " + uri + " is closed");
        }
        used = connect;
        if (used != null) {
          try {
            return call.apply(used);
          } catch (LibvirtException e) {
            if (attempt > 1 || alive(used)) {
              throw LibvirtErrors.translate(what, e);
            }
            log.warn("libvirt connection to {} dropped during {} ({}); reconnecting", uri, what,
                LibvirtErrors.message(e));
          }
        } else if (attempt > 2) {
          throw new HypervisorException("libvirt at " + uri + " is unreachable during " + what);
        }
      } finally {
        lock.readLock().unlock();
      }
      replace(used);
    }
  }

  /** Swaps a dead connection for a new one, unless another thread already did. */
  private void replace(Connect stale) {
    lock.writeLock().lock();
    try {
      if (closed || connect != stale) {
        return;
      }
      connect = null;
      closeQuietly(stale);
      connect = open(uri);
      log.info("reconnected to libvirt at {}", uri);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closeQuietly(connect);
        connect = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Closes the current connection as a libvirtd restart would; for tests. */
  void dropForTest() {
    lock.writeLock().lock();
    try {
      closeQuietly(connect);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static Connect open(String uri) {
    LibvirtErrors.silenceStderr();
    try {
      return new Connect(uri);
    } catch (LibvirtException e) {
      throw LibvirtErrors.translate("connecting to libvirt at " + uri, e);
    }
  }

  private static boolean alive(Connect c) {
    try {
      return c.isAlive();
    } catch (LibvirtException e) {
      return false;
    }
  }

  private static void closeQuietly(Connect c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (LibvirtException e) {
      log.debug("closing libvirt connection failed: {}", LibvirtErrors.message(e));
    }
  }
}
