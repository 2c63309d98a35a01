package io.ecsbox.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guests a density run launches and watches: through ecsbox's API, or with plain libvirt
 * from the same domain XML. {@link #close} releases every guest it launched.
 */
interface Fleet extends AutoCloseable {
  /** How the run is labelled, e.g. "ecsbox". */
  String label();

  /**
   * Launches up to {@code n} more guests and returns their ids: fewer, maybe none, when the
   * host admits no more, and then {@link #fullBecause} says which limit bound.
   */
  List<String> launch(int n);

  /** Why the last launch got fewer than it asked for; empty while the host admits more. */
  Optional<String> fullBecause();

  /** What became of each of {@code ids} that is done booting: READY, or failed with why. */
  Map<String, Outcome> poll(Collection<String> ids);

  @Override
  void close();

  /** A guest done booting: {@code failure} is null when it printed its READY line. */
  record Outcome(String failure) {
    static final Outcome READY = new Outcome(null);

    boolean ready() {
      return failure == null;
    }
  }
}
