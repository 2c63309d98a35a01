package io.ecsbox.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Chooses each call of a load client: mostly Describes, then launches, stops, starts and
 * deletes in the proportions of {@link #WEIGHTS}. A change the fleet cannot take now (no free
 * slot for a launch, no Running instance to stop, ...) becomes a Describe, so the clients
 * never wait and never call what must fail.
 */
public final class LoadMix {
  /** Relative weights, out of 100. */
  public static final Map<LoadAction, Integer> WEIGHTS = weights();

  private final Random rnd;

  public LoadMix(Random rnd) {
    this.rnd = rnd;
  }

  /** One call: the action, the instance leased for it (null for Describe and launch), and ForceStop/Force. */
  public record Step(LoadAction action, String instanceId, boolean force) {}

  /** The next call; leases its instance or reserves its launch slot in {@code fleet}. */
  public Step next(LoadFleet fleet) {
    LoadAction picked = pick(rnd.nextInt(100), false);
    Optional<Step> change = switch (picked) {
      case RunInstances -> fleet.reserve() ? Optional.of(new Step(picked, null, false)) : Optional.empty();
      // Mostly ForceStop: the tiny image ignores ACPI, so a clean stop waits out the daemon's 60 s grace.
      case StopInstance -> fleet.lease(rnd, LoadFleet.RUNNING).map(l -> new Step(picked, l.id(), rnd.nextInt(4) > 0));
      case StartInstance -> fleet.lease(rnd, LoadFleet.STOPPED).map(l -> new Step(picked, l.id(), false));
      // Force only where ECS needs it: a Running instance.
      case DeleteInstance -> fleet.lease(rnd, LoadFleet.RUNNING, LoadFleet.STOPPED)
          .map(l -> new Step(picked, l.id(), l.status().equals(LoadFleet.RUNNING)));
      default -> Optional.of(new Step(picked, null, false));
    };
    return change.orElseGet(this::describe);
  }

  private Step describe() {
    int total = WEIGHTS.entrySet().stream().filter(w -> w.getKey().describe()).mapToInt(Map.Entry::getValue).sum();
    return new Step(pick(rnd.nextInt(total), true), null, false);
  }

  /** The action at {@code r} on the line of weights (of the Describes only, if {@code describes}). */
  private static LoadAction pick(int r, boolean describes) {
    for (Map.Entry<LoadAction, Integer> w : WEIGHTS.entrySet()) {
      if (!describes || w.getKey().describe()) {
        r -= w.getValue();
        if (r < 0) {
          return w.getKey();
        }
      }
    }
    throw new IllegalStateException("no action at " + r + " in " + WEIGHTS);
  }

  private static Map<LoadAction, Integer> weights() {
    Map<LoadAction, Integer> w = new EnumMap<>(LoadAction.class);
    w.put(LoadAction.DescribeInstances, 30);
    w.put(LoadAction.DescribeInstanceStatus, 10);
    w.put(LoadAction.DescribeDisks, 10);
    w.put(LoadAction.DescribeVpcs, 6);
    w.put(LoadAction.DescribeVSwitches, 6);
    w.put(LoadAction.DescribeSecurityGroups, 6);
    w.put(LoadAction.DescribeImages, 6);
    w.put(LoadAction.DescribeNetworkInterfaces, 6);
    w.put(LoadAction.RunInstances, 6);
    w.put(LoadAction.StopInstance, 5);
    w.put(LoadAction.StartInstance, 5);
    w.put(LoadAction.DeleteInstance, 4);
    if (w.values().stream().mapToInt(Integer::intValue).sum() != 100 || w.size() != LoadAction.values().length) {
      throw new IllegalStateException("the load mix must weigh every action, 100 in all: " + w);
    }
    return Collections.unmodifiableMap(w); // in enum order, which next() walks
  }
}
