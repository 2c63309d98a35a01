package io.ecsbox.compute;

import io.ecsbox.agent.PowerState;
import io.ecsbox.agent.StopCause;
import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.agent.Console;
import io.ecsbox.agent.GuestMemory;
import io.ecsbox.agent.Launch;
import io.ecsbox.agent.NicSpec;
import io.ecsbox.agent.Volume;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background half of the instance lifecycle: runs host work through the {@link ComputeAgent},
 * one operation at a time per instance, and moves the stored status when it is done. On
 * daemon start {@link #reconcile} finishes or undoes what a crash interrupted. When the host
 * stops an instance (a start it could not do, a guest killed from outside) the instance shows
 * Stopped with the reason, and a {@code SystemFailure.Stop} event is recorded.
 */
public final class InstanceOperations {
  private static final Logger log = LoggerFactory.getLogger(InstanceOperations.class);

  private final InstanceStore store;
  private final ComputeAgent agent;
  private final java.util.concurrent.Executor workers;
  private final Duration stopGrace;
  private final io.ecsbox.common.KeyedLocks locks;
  private final InstanceDisks disks;
  private final InstanceNetwork network;
  private final InstanceEvents events;
  private final java.time.Clock clock;

  public InstanceOperations(InstanceStore store, ComputeAgent agent, java.util.concurrent.Executor workers,
      Duration stopGrace, io.ecsbox.common.KeyedLocks locks, InstanceDisks disks,
      InstanceNetwork network, InstanceEvents events, java.time.Clock clock) {
    this.events = events;
    this.clock = clock;
    this.locks = locks;
    this.disks = disks;
    this.store = store;
    this.agent = agent;
    this.workers = workers;
    this.stopGrace = stopGrace;
    this.network = network;
  }

  public void submitStart(String id) {
    submit(id, "start", () -> start(id));
  }

  public void submitStop(String id, boolean force) {
    submit(id, "stop", () -> {
      agent.ensureStopped(id, force, stopGrace);
      store.setStatus(id, InstanceStatus.Stopped);
    });
  }

  public void submitReboot(String id, boolean force) {
    submit(id, "reboot", () -> {
      agent.reboot(id, force);
      store.transition(id, EnumSet.of(InstanceStatus.Starting), InstanceStatus.Running);
    });
  }

  public void submitRelease(String id) {
    submit(id, "release", () -> {
      agent.release(id);
      disks.released(id);
      network.released(id);
      store.delete(id);
      locks.forget(id); // waiters already hold a reference; new work finds no instance
    });
  }

  public Console console(String id) {
    return agent.console(id, 1 << 20);
  }

  public Optional<GuestMemory> memory(String id) {
    return agent.memory(id);
  }

  private void start(String id) {
    Optional<Instance> found = store.find(id);
    if (found.isEmpty() || found.get().deleting()) {
      return;
    }
    Instance i = found.get();
    if (i.status() == InstanceStatus.Pending) {
      store.setStatus(id, InstanceStatus.Starting);
    }
    List<Volume> volumes = disks.prepareStart(id);
    List<NicSpec> nics = network.prepareStart(id);
    agent.ensureRunning(new Launch(id, i.name(), i.instanceType(), i.vcpus(), i.memoryMiB(),
        i.hostName(), InstanceService.decodeUserData(i.userData()), volumes, nics, store.startAccess(id)));
    store.setStatus(id, InstanceStatus.Running);
  }

  private void submit(String id, String what, Runnable work) {
    workers.execute(() -> runLocked(id, what, work));
  }

  private void runLocked(String id, String what, Runnable work) {
    ReentrantLock lock = locks.of(id);
    lock.lock();
    try {
      long t0 = System.nanoTime();
      work.run();
      log.info("{} {} done in {} ms", what, id, (System.nanoTime() - t0) / 1_000_000);
    } catch (RuntimeException e) {
      log.error("{} {} failed: {}", what, id, e.getMessage(), e);
      afterFailure(id, what, e);
    } finally {
      lock.unlock();
    }
  }

  // A failed start leaves no running domain and shows Stopped with the host's reason, so
  // StartInstance retries it.
  private void afterFailure(String id, String what, RuntimeException cause) {
    Optional<Instance> i = store.find(id);
    if (i.isEmpty() || i.get().deleting()) {
      return;
    }
    try {
      if (!what.equals("release")) {
        agent.ensureStopped(id, true, Duration.ZERO);
      }
    } catch (RuntimeException e) {
      log.warn("cleanup after failed {} of {}: {}", what, id, e.getMessage());
    }
    if (agent.state(id) == PowerState.RUNNING) {
      store.setStatus(id, InstanceStatus.Running);
    } else if (what.equals("start") || what.equals("reboot")) {
      stoppedByHost(i.get(), EnumSet.allOf(InstanceStatus.class),
          "The host could not " + what + " the guest: " + cause.getMessage());
    } else {
      store.setStatus(id, InstanceStatus.Stopped);
    }
  }

  /**
   * Moves the instance from one of {@code from} to Stopped with the host's {@code message} as
   * its status reason and a SystemFailure.Stop event; does nothing when its status moved on.
   */
  private void stoppedByHost(Instance i, java.util.Set<InstanceStatus> from, String message) {
    String text = message.strip() + (message.strip().matches(".*[.!?]$") ? "" : ".")
        + " The instance is Stopped and its disks are kept: StartInstance starts it again.";
    StatusReason reason = new StatusReason(InstanceEvent.SYSTEM_FAILURE_STOP, text, clock.instant());
    if (store.transition(i.id(), from, InstanceStatus.Stopped, reason)) {
      events.record(i, InstanceEvent.SYSTEM_FAILURE_STOP, reason.message());
      log.warn("{} stopped by the host: {}", i.id(), reason.message());
    }
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * Makes the host and the store agree after a daemon start: finishes interrupted starts,
   * stops and releases; adopts running guests; removes domains and files of ours that no
   * instance owns (half-created by a crash). Never touches domains not marked as ours.
   */
  public void reconcile() {
    for (Instance i : store.all()) {
      if (i.deleting()) {
        submitRelease(i.id());
        continue;
      }
      PowerState s = agent.state(i.id());
      switch (i.status()) {
        case Pending, Starting -> submitStart(i.id());
        case Stopping -> submitStop(i.id(), false);
        case Running -> {
          if (s != PowerState.RUNNING) {
            log.info("{} was Running but its domain is {}: now Stopped", i.id(), s);
            noticeStopped(i, "found when the daemon started: ");
          }
        }
        case Stopped -> {
          if (s == PowerState.RUNNING) {
            store.setStatus(i.id(), InstanceStatus.Running);
          }
        }
        default -> { }
      }
    }
    sweepOrphans();
  }

  /**
   * Removes the domains and instance directories of ours that no instance of the store owns
   * (left by a crash, or made behind ecsbox's back in its scope). The host is read before the
   * store: an instance's row is written before its domain and deleted after it, so one being
   * made or released meanwhile is never taken for an orphan.
   */
  public void sweepOrphans() {
    Set<String> orphans = new HashSet<>(agent.ownedDomains());
    orphans.addAll(agent.instanceDirs());
    store.all().forEach(i -> orphans.remove(i.id()));
    for (String id : orphans) {
      log.info("removing {}: on the host but not in the store (left by a crash)", id);
      submit(id, "release", () -> {
        if (store.find(id).isEmpty()) {
          disks.releaseOrphanFiles(id);
          agent.release(id);
        }
      });
    }
  }

  /**
   * Notices guests that changed without ecsbox: the ones that powered themselves off become
   * Stopped; the ones killed or crashed become Stopped with the reason and an event; a
   * Stopped instance whose guest was started behind ecsbox's back ({@code virsh start})
   * becomes Running. An instance with work in progress is left to that work.
   */
  public void syncPowerStates() {
    for (Instance i : store.all()) {
      if (i.deleting() || (i.status() != InstanceStatus.Running && i.status() != InstanceStatus.Stopped)) {
        continue;
      }
      ReentrantLock lock = locks.of(i.id());
      if (!lock.tryLock()) {
        continue;
      }
      try {
        PowerState s = agent.state(i.id());
        if (i.status() == InstanceStatus.Stopped) {
          if (s == PowerState.RUNNING && store.transition(i.id(), EnumSet.of(InstanceStatus.Stopped),
              InstanceStatus.Running)) {
            store.setStatus(i.id(), InstanceStatus.Running); // its start time too
            log.warn("{} was Stopped but its guest runs (started outside ecsbox): now Running", i.id());
          }
        } else if (s == PowerState.SHUTOFF || s == PowerState.ABSENT) {
          noticeStopped(i, "");
        }
      } catch (RuntimeException e) {
        log.debug("power state of {}: {}", i.id(), e.getMessage());
      } finally {
        lock.unlock();
      }
    }
  }

  // A Running instance whose guest is not running any more: why decides whether it is a failure.
  private void noticeStopped(Instance i, String when) {
    StopCause cause = agent.stopCause(i.id());
    if (cause == StopCause.NONE) {
      return; // started again meanwhile
    }
    if (cause.failure()) {
      stoppedByHost(i, EnumSet.of(InstanceStatus.Running), capitalized(when + cause.description()) + ".");
    } else if (store.transition(i.id(), EnumSet.of(InstanceStatus.Running), InstanceStatus.Stopped)) {
      log.info("{} {}: now Stopped", i.id(), cause.description());
    }
  }
}
