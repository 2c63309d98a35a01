package io.ecsbox.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a crash test knows about snapshots from the answers it got: the content each one had
 * when it was seen accomplished, which ones a DeleteSnapshot that answered 200 removed, and
 * which calls got no answer (the daemon died under them), so their outcome may go either way.
 * Thread-safe; the loops write it, the checker reads it between rounds.
 */
final class SnapshotLedger {
  private final Map<String, String> content = new LinkedHashMap<>(); // accomplished: id -> checksum then
  private final Map<String, String> diskOf = new LinkedHashMap<>();
  private final Map<String, String> pending = new LinkedHashMap<>(); // asked for, not yet seen done -> expected
  private final Set<String> deleted = new LinkedHashSet<>();
  private final Set<String> maybeDeleted = new LinkedHashSet<>();
  private final Map<String, String> lostCreates = new LinkedHashMap<>(); // disk -> expected ("" unknown)
  private final Set<String> failed = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> events = new ArrayList<>();

  /** CreateSnapshot answered {@code id}; {@code expected} is the model checksum or "" when unknown. */
  synchronized void requested(String id, String diskId, String expected) {
    diskOf.put(id, diskId);
    pending.put(id, expected);
    events.add("create " + id + " of " + diskId);
  }

  /** CreateSnapshot of {@code diskId} got no answer. */
  synchronized void lostCreate(String diskId, String expected) {
    lostCreates.put(diskId, expected);
    events.add("create of " + diskId + ": no answer");
  }

  synchronized void accomplished(String id, String checksum) {
    pending.remove(id);
    content.put(id, checksum);
    events.add("accomplished " + id);
  }

  synchronized void failed(String id) {
    pending.remove(id);
    failed.add(id);
    events.add("failed " + id);
  }

  /** A snapshot the test did not ask for by id (its create got no answer) seen after a restart. */
  synchronized void adopt(String id, String diskId) {
    diskOf.put(id, diskId);
    events.add("adopted " + id + " of " + diskId);
  }

  synchronized void deleted(String id) {
    content.remove(id);
    failed.remove(id);
    deleted.add(id);
    events.add("deleted " + id);
  }

  synchronized void maybeDeleted(String id) {
    maybeDeleted.add(id);
    events.add("delete " + id + ": no answer");
  }

  /** The DeleteSnapshot without an answer did not happen after all (the snapshot is still there). */
  synchronized void notDeleted(String id) {
    maybeDeleted.remove(id);
  }

  /** It did happen: forget the snapshot. */
  synchronized void goneAfterAll(String id) {
    maybeDeleted.remove(id);
    content.remove(id);
    failed.remove(id);
    pending.remove(id);
  }

  /** Any other call worth showing in the round's log line. */
  synchronized void note(String event) {
    events.add(event);
  }

  synchronized void problem(String p) {
    problems.add(p);
    System.out.println("StorageCrashIT PROBLEM: " + p);
  }

  synchronized Map<String, String> content() {
    return new LinkedHashMap<>(content);
  }

  synchronized Map<String, String> pending() {
    return new LinkedHashMap<>(pending);
  }

  synchronized Map<String, String> lostCreates() {
    return new LinkedHashMap<>(lostCreates);
  }

  synchronized void clearLostCreates() {
    lostCreates.clear();
  }

  synchronized Set<String> deleted() {
    return new LinkedHashSet<>(deleted);
  }

  synchronized Set<String> maybeDeleted() {
    return new LinkedHashSet<>(maybeDeleted);
  }

  synchronized boolean known(String id) {
    return diskOf.containsKey(id);
  }

  synchronized String diskOf(String id) {
    return diskOf.get(id);
  }

  /** Accomplished snapshots of the disk that no delete was asked for, oldest first. */
  synchronized List<String> alive(String diskId) {
    return content.keySet().stream().filter(id -> diskId.equals(diskOf.get(id)) && !maybeDeleted.contains(id))
        .toList();
  }

  synchronized List<String> problems() {
    return new ArrayList<>(problems);
  }

  /** Events since the last call, for the round's log line. */
  synchronized List<String> drainEvents() {
    List<String> out = new ArrayList<>(events);
    events.clear();
    return out;
  }
}
