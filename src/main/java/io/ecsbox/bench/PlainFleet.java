package io.ecsbox.bench;

import io.ecsbox.common.Ids;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The density run's baseline: guests started with plain libvirt from the same domain XML
 * ecsbox renders ({@link PlainLibvirtLaunch}), {@code workers} at a time like the daemon, with
 * no admission: it launches what it is asked. Closing removes every guest and file it made.
 */
final class PlainFleet implements Fleet {
  private final PlainLibvirtLaunch libvirt;
  private final PlainLibvirtLaunch.Guest guest;
  private final ExecutorService pool;
  private static final int RELEASE_THREADS = 4;
  private final List<String> launched = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Object closing = new Object();
  private boolean closed;
  private final Map<String, String> failedStarts = new ConcurrentHashMap<>();

  PlainFleet(PlainLibvirtLaunch libvirt, PlainLibvirtLaunch.Guest guest, int workers) {
    this.libvirt = libvirt;
    this.guest = guest;
    this.pool = Executors.newFixedThreadPool(workers);
  }

  @Override
  public String label() {
    return "plain libvirt";
  }

  @Override
  public List<String> launch(int n) {
    List<String> ids = new ArrayList<>();
    List<Future<?>> starts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = Ids.next("i");
      ids.add(id);
      launched.add(id);
      starts.add(pool.submit(() -> {
        try {
          libvirt.startOne(id, guest);
        } catch (IOException | RuntimeException e) {
          failedStarts.put(id, "start failed: " + e.getMessage());
        }
      }));
    }
    for (Future<?> f : starts) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return ids;
  }

  @Override
  public Optional<String> fullBecause() {
    return Optional.empty();
  }

  @Override
  public Map<String, Outcome> poll(Collection<String> ids) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (String id : ids) {
      String failed = failedStarts.get(id);
      try {
        if (failed != null) {
          out.put(id, new Outcome(failed));
        } else if (libvirt.ready(id)) {
          out.put(id, Outcome.READY);
        }
      } catch (IOException e) {
        // console not readable yet
      }
    }
    return out;
  }

  /**
   * Removes every guest launched, also from a shutdown hook while a wave is starting: the starts
   * in flight are let finish first (a start after its release would leave a guest), then the
   * guests are released a few at a time. Idempotent.
   */
  @Override
  public void close() {
    synchronized (closing) {
      if (closed) {
        return;
      }
      closed = true;
      pool.shutdown();
      try {
        pool.awaitTermination(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<String> ids;
      synchronized (launched) {
        ids = List.copyOf(launched);
      }
      ExecutorService releases = Executors.newFixedThreadPool(RELEASE_THREADS);
      for (String id : ids) {
        // undefine is idempotent: a failure leaves the others going, and a rerun finishes it
        releases.submit(() -> libvirt.releaseOne(id));
      }
      releases.shutdown();
      try {
        releases.awaitTermination(10, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
