package io.ecsbox.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An executor that holds the work submitted while the daemon starts and hands it to the
 * worker pool once {@link #open} is called. The start-up reconcilers submit background work
 * (snapshot merges, interrupted attaches, instance starts that may flatten a chain); the
 * garbage collection of layer files left by a crash must see the store and the volume
 * directory before any of that work changes them, or it deletes a file a merge is writing.
 */
final class StartGate implements Executor {
  private final Executor pool;
  private List<Runnable> held = new ArrayList<>();

  StartGate(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable work) {
    synchronized (this) {
      if (held != null) {
        held.add(work);
        return;
      }
    }
    pool.execute(work);
  }

  /** From now on work goes to the pool at once; what was held goes first, in order. */
  void open() {
    List<Runnable> release;
    synchronized (this) {
      release = held;
      held = null;
    }
    if (release != null) {
      release.forEach(pool::execute);
    }
  }
}
