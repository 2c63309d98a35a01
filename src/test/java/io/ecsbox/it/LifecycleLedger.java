package io.ecsbox.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What LifecycleCrashIT's calls were answered, for instances and custom images: those a 2xx
 * answer created (they must exist after a restart unless a DeleteX was answered), those a
 * 2xx answer deleted (they must be gone once the daemon settled), and calls the kill left
 * without an answer (either outcome is right; the checks resolve them from what the API shows).
 * Thread-safe: the loop writes while the test reads.
 */
final class LifecycleLedger {
  /** A RunInstances without an answer: retried after the restart with its ClientToken. */
  record Run(String name, String[] params) {}

  /** Instances or images: created, deleted, and unanswered creates (by name) and deletes. */
  static final class Kind {
    private final Map<String, String> live = new LinkedHashMap<>(); // id -> name
    private final Set<String> deleted = new LinkedHashSet<>();
    private final Set<String> maybeDeleted = new LinkedHashSet<>();
    private final Set<String> lostCreates = new LinkedHashSet<>(); // names

    synchronized void created(String id, String name) {
      live.put(id, name);
    }

    synchronized void deleted(String id) {
      live.remove(id);
      maybeDeleted.remove(id);
      deleted.add(id);
    }

    synchronized void maybeDeleted(String id) {
      maybeDeleted.add(id);
    }

    synchronized void lostCreate(String name) {
      lostCreates.add(name);
    }

    /** Once settled: an unanswered delete took effect or not; an unanswered create made a listed one or nothing. */
    synchronized void resolve(Map<String, String> listed) {
      for (String id : List.copyOf(maybeDeleted)) {
        if (listed.containsKey(id)) {
          maybeDeleted.remove(id);
        } else {
          deleted(id);
        }
      }
      listed.forEach((id, name) -> {
        if (!known(id) && lostCreates.contains(name)) {
          live.put(id, name);
        }
      });
      lostCreates.clear();
    }

    synchronized Map<String, String> live() {
      return new LinkedHashMap<>(live);
    }

    synchronized Set<String> deletedIds() {
      return new LinkedHashSet<>(deleted);
    }

    synchronized boolean known(String id) {
      return live.containsKey(id) || deleted.contains(id) || maybeDeleted.contains(id);
    }
  }

  final Kind instances = new Kind();
  final Kind images = new Kind();
  private final List<Run> lostRuns = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final List<String> serverErrors = new ArrayList<>();
  private int calls;

  synchronized void lostRun(Run r) {
    lostRuns.add(r);
  }

  /** The RunInstances calls the kill left without an answer, once; the checks retry them. */
  synchronized List<Run> drainLostRuns() {
    List<Run> out = List.copyOf(lostRuns);
    lostRuns.clear();
    return out;
  }

  synchronized void event(String e) {
    events.add(e);
    calls++;
  }

  synchronized String drainEvents() {
    String s = String.join(", ", events);
    events.clear();
    return s;
  }

  /** A 5xx answer: the daemon failed inside (reported at the end, with the seed). */
  synchronized void serverError(String e) {
    serverErrors.add(e);
  }

  synchronized List<String> serverErrors() {
    return List.copyOf(serverErrors);
  }

  synchronized int calls() {
    return calls;
  }
}
