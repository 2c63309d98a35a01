package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.client.EcsApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * N concurrent API clients calling the {@link LoadMix} for a duration, each on its own thread
 * and without pause, on at most {@code maxInstances} instances of their own; then every
 * instance the run made is deleted (Force) and polled until DescribeInstances lists none.
 * A deleted instance counts as alive until it is no longer listed, whether the daemon hides it
 * at once or lists it until released. Ctrl-C stops the clients and deletes what they made.
 */
public final class LoadBench {
  static final String NAME = "ecsbox-load";
  static final long POLL_MS = 500;
  static final long CLEANUP_MS = 300_000;

  private final BiFunction<String, Map<String, String>, JsonNode> api;
  private final BenchTicker ticker;
  private final long seed;
  private final Consumer<String> progress;
  private final Consumer<String> track;
  private volatile boolean stop;

  /**
   * @param track told each instance id as soon as it is made (a private daemon removes them even if we cannot)
   */
  public LoadBench(BiFunction<String, Map<String, String>, JsonNode> api, BenchTicker ticker, long seed,
      Consumer<String> progress, Consumer<String> track) {
    this.api = api;
    this.ticker = ticker;
    this.seed = seed;
    this.progress = progress;
    this.track = track;
  }

  /** What to run; checked here so a bad value names its option. */
  public record Settings(int clients, Duration duration, int maxInstances, String image, String type) {
    public Settings {
      if (clients < 1) {
        throw new IllegalArgumentException("--clients must be at least 1, got " + clients);
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("--duration must be above 0, got " + duration.toSeconds() + " s");
      }
      if (maxInstances < 1 || maxInstances > 100) {
        throw new IllegalArgumentException("--max-instances must be 1 to 100, got " + maxInstances);
      }
    }
  }

  /** How the end of the run went: instances deleted then, seconds until none was listed, those still listed. */
  public record Cleanup(int deleted, double goneSeconds, List<String> stillListed) {}

  /** The figures of one run: the calls, the most instances alive at once, every instance made. */
  public record Result(Settings settings, double seconds, LoadStats stats, int peak, List<String> made,
      Cleanup cleanup) {}

  public Result run(Settings s) throws InterruptedException {
    LoadFleet fleet = new LoadFleet(s.maxInstances());
    LoadStats stats = new LoadStats();
    ExecutorService clients = Executors.newFixedThreadPool(s.clients(), r -> {
      Thread t = new Thread(r, "load-client");
      t.setDaemon(true);
      return t;
    });
    Thread hook = new Thread(() -> {
      stop = true;
      clients.shutdownNow();
      deleteAll(fleet.alive(), null);
    }, "load-cleanup");
    Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C must not leave guests running
    try {
      long t0 = ticker.nanos();
      long end = t0 + s.duration().toNanos();
      for (int i = 0; i < s.clients(); i++) {
        LoadMix mix = new LoadMix(new Random(seed + i));
        clients.execute(() -> client(s, mix, fleet, stats, end));
      }
      clients.shutdown();
      long nextReport = t0 + 30_000_000_000L;
      while (!clients.awaitTermination(POLL_MS, TimeUnit.MILLISECONDS)) {
        if (ticker.nanos() >= nextReport) {
          progress.accept(String.format("%.0f s: %d calls, %d errors, %d throttled, %d instances alive",
              ticker.millisSince(t0) / 1000, stats.calls(), stats.errorCalls(), stats.throttledCalls(),
              fleet.alive().size()));
          nextReport += 30_000_000_000L;
        }
      }
      double seconds = ticker.millisSince(t0) / 1000;
      progress.accept(String.format("clients done after %.0f s; deleting %d instances", seconds, fleet.alive().size()));
      Cleanup c = cleanup(fleet, stats);
      return new Result(s, seconds, stats, fleet.peak(), fleet.made(), c);
    } finally {
      clients.shutdownNow();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs
      }
    }
  }

  private void client(Settings s, LoadMix mix, LoadFleet fleet, LoadStats stats, long end) {
    boolean filtered = false;
    while (!stop && ticker.nanos() < end) {
      LoadMix.Step step = mix.next(fleet);
      filtered = step.action() == LoadAction.DescribeInstances ? !filtered : filtered;
      call(s, step, filtered, fleet, stats);
    }
  }

  private void call(Settings s, LoadMix.Step step, boolean filtered, LoadFleet fleet, LoadStats stats) {
    LoadAction a = step.action();
    long t0 = ticker.nanos(); // before the ids are read: an instance made later is not judged by this answer
    Map<String, String> p = new LinkedHashMap<>();
    List<String> asked = a == LoadAction.DescribeInstances && filtered ? fleet.alive() : List.of();
    switch (a) {
      case RunInstances -> p.putAll(Map.of("ImageId", s.image(), "InstanceType", s.type(), "Amount", "1",
          "InstanceName", NAME));
      case StopInstance -> p.putAll(Map.of("InstanceId", step.instanceId(), "ForceStop", String.valueOf(step.force())));
      case StartInstance -> p.put("InstanceId", step.instanceId());
      case DeleteInstance -> p.putAll(Map.of("InstanceId", step.instanceId(), "Force", String.valueOf(step.force())));
      case DescribeInstances -> p.putAll(asked.isEmpty() ? Map.of("PageSize", "50")
          : Map.of("InstanceIds", jsonList(asked), "PageSize", "100"));
      default -> p.put("PageSize", "50");
    }
    try {
      JsonNode r = api.apply(a.name(), p);
      String id = r.path("InstanceIdSets").path("InstanceIdSet").path(0).asText("");
      if (a == LoadAction.RunInstances && id.isEmpty()) {
        throw new IllegalStateException("RunInstances answered no InstanceIdSet: " + r);
      }
      stats.ok(a, ticker.millisSince(t0));
      long now = ticker.nanos();
      switch (a) {
        case RunInstances -> {
          track.accept(id);
          fleet.launched(id, now);
        }
        case StopInstance -> fleet.changed(step.instanceId(), "Stopping", false, now);
        case StartInstance -> fleet.changed(step.instanceId(), "Starting", false, now);
        case DeleteInstance -> fleet.changed(step.instanceId(), "Deleting", true, now);
        case DescribeInstances -> fleet.seen(t0, statuses(r), Set.copyOf(asked));
        default -> { }
      }
    } catch (EcsApiException e) {
      stats.failed(a, e.code(), e.httpStatus(), e.getMessage());
      release(step, fleet);
    } catch (RuntimeException e) { // a bad answer: an error, and the run goes on
      stats.failed(a, e.getClass().getSimpleName(), 0, String.valueOf(e.getMessage()));
      release(step, fleet);
    }
  }

  private void release(LoadMix.Step step, LoadFleet fleet) {
    if (step.action() == LoadAction.RunInstances) {
      fleet.launchFailed();
    } else if (step.instanceId() != null) {
      fleet.refused(step.instanceId(), ticker.nanos());
    }
  }

  private Cleanup cleanup(LoadFleet fleet, LoadStats stats) throws InterruptedException {
    long t0 = ticker.nanos();
    List<String> alive = fleet.alive();
    deleteAll(alive, stats);
    List<String> listed = listed(fleet.made(), stats);
    while (!listed.isEmpty() && ticker.millisSince(t0) < CLEANUP_MS) {
      ticker.pause(POLL_MS);
      listed = listed(fleet.made(), stats);
    }
    return new Cleanup(alive.size(), ticker.millisSince(t0) / 1000, listed);
  }

  /**
   * Deletes each (Force), again after a pause while throttled; another error counts in
   * {@code stats} (when given) unless it says the instance is already gone.
   */
  private void deleteAll(List<String> ids, LoadStats stats) {
    long t0 = ticker.nanos();
    for (String id : ids) {
      while (true) {
        try {
          api.apply("DeleteInstance", Map.of("InstanceId", id, "Force", "true"));
          break;
        } catch (EcsApiException e) {
          if (LoadStats.throttled(e.code()) && ticker.millisSince(t0) < CLEANUP_MS && pause()) {
            continue;
          }
          if (stats != null && !e.code().startsWith("InvalidInstanceId.NotFound")) {
            stats.failed(LoadAction.DeleteInstance, e.code(), e.httpStatus(), "at the end: " + e.getMessage());
          }
          break;
        }
      }
    }
  }

  private boolean pause() {
    try {
      ticker.pause(POLL_MS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Which of {@code ids} DescribeInstances still lists; all of them when it did not answer (asked again later). */
  private List<String> listed(List<String> ids, LoadStats stats) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + 100));
      try {
        JsonNode r = api.apply("DescribeInstances", Map.of("InstanceIds", jsonList(batch), "PageSize", "100"));
        out.addAll(statuses(r).keySet());
      } catch (EcsApiException e) {
        if (!LoadStats.throttled(e.code())) {
          stats.failed(LoadAction.DescribeInstances, e.code(), e.httpStatus(), "at the end: " + e.getMessage());
        }
        out.addAll(batch);
      }
    }
    return out;
  }

  private static Map<String, String> statuses(JsonNode r) {
    Map<String, String> out = new HashMap<>();
    r.path("Instances").path("Instance")
        .forEach(i -> out.put(i.path("InstanceId").asText(), i.path("Status").asText()));
    return out;
  }

  private static String jsonList(List<String> ids) {
    return ids.isEmpty() ? "[]" : "[\"" + String.join("\",\"", ids) + "\"]";
  }
}
