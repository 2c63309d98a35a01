package io.ecsbox.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The load bench's own instances as its clients last saw them: at most {@code max} alive at
 * once (launches in flight included, deleted ones until DescribeInstances stops listing them),
 * and each leased to one client at a time so two clients never change one instance at once.
 * A Describe answer only updates an instance when the call was sent after that instance's
 * last change was answered, so a slow answer cannot bring back an old status. Thread-safe.
 */
public final class LoadFleet {
  /** ECS statuses an instance stays in; the mix only changes instances that show one. */
  public static final String RUNNING = "Running";
  public static final String STOPPED = "Stopped";
  private static final String UNKNOWN = "Unknown";

  private static final class Entry {
    String status = "Pending";
    boolean leased;
    boolean deleting;
    long changedAt;
  }

  private final int max;
  private final Map<String, Entry> alive = new LinkedHashMap<>();
  private final Set<String> made = new LinkedHashSet<>();
  private int launching;
  private int peak;

  public LoadFleet(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max instances must be at least 1, got " + max);
    }
    this.max = max;
  }

  /** Takes a slot for one launch; false when {@code max} are alive or launching. */
  public synchronized boolean reserve() {
    if (alive.size() + launching >= max) {
      return false;
    }
    launching++;
    peak = Math.max(peak, alive.size() + launching);
    return true;
  }

  /** The reserved launch made {@code id}, answered at {@code now} (nanos). */
  public synchronized void launched(String id, long now) {
    launching--;
    Entry e = new Entry();
    e.changedAt = now;
    alive.put(id, e);
    made.add(id);
  }

  /** The reserved launch failed: its slot is free again. */
  public synchronized void launchFailed() {
    launching--;
  }

  /** Leases an instance (not being deleted) showing one of {@code statuses}, chosen at random. */
  public synchronized Optional<Lease> lease(Random rnd, String... statuses) {
    List<Map.Entry<String, Entry>> free = new ArrayList<>();
    for (Map.Entry<String, Entry> e : alive.entrySet()) {
      if (!e.getValue().leased && !e.getValue().deleting && List.of(statuses).contains(e.getValue().status)) {
        free.add(e);
      }
    }
    if (free.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<String, Entry> e = free.get(rnd.nextInt(free.size()));
    e.getValue().leased = true;
    return Optional.of(new Lease(e.getKey(), e.getValue().status));
  }

  /** An instance held by one client, with the status it showed. */
  public record Lease(String id, String status) {}

  /** The leased change was accepted at {@code now}: the instance is now {@code status}, and maybe deleting. */
  public synchronized void changed(String id, String status, boolean deleting, long now) {
    Entry e = alive.get(id);
    if (e != null) {
      e.status = status;
      e.deleting |= deleting;
      e.leased = false;
      e.changedAt = now;
    }
  }

  /** The leased change was refused at {@code now}: its status is unknown until a Describe shows it. */
  public synchronized void refused(String id, long now) {
    changed(id, UNKNOWN, false, now);
  }

  /**
   * A DescribeInstances answer, for a call sent at {@code sentAt}: the statuses it listed, and
   * the ids it asked for by {@code InstanceIds} (one of them not listed is gone).
   */
  public synchronized void seen(long sentAt, Map<String, String> listed, Set<String> asked) {
    alive.entrySet().removeIf(en -> {
      Entry e = en.getValue();
      if (e.changedAt >= sentAt || e.leased) {
        return false;
      }
      String s = listed.get(en.getKey());
      if (s != null) {
        e.status = s;
      }
      return s == null && asked.contains(en.getKey());
    });
  }

  /** Our instances alive now, deleted ones not yet gone included. */
  public synchronized List<String> alive() {
    return List.copyOf(alive.keySet());
  }

  /** Every instance this run made. */
  public synchronized List<String> made() {
    return List.copyOf(made);
  }

  /** The most alive or launching at once. */
  public synchronized int peak() {
    return peak;
  }

  public int max() {
    return max;
  }
}
