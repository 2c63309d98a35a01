package io.ecsbox.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The density run: launches guests in waves of {@code waveSize}, each wave waited for until
 * its guests are READY or failed, until {@code target} guests or until the host admits no
 * more; then lets the host settle (KSM merges pages over time) and measures what the guests
 * take. The same driver runs ecsbox's fleet and plain libvirt's, so both are measured alike.
 */
public final class DensityBench {
  /** The window over which the guests' idle CPU is measured, at the end. */
  static final Duration CPU_WINDOW = Duration.ofSeconds(20);

  private final HostMeter meter;
  private final Consumer<String> progress;
  private final Sleeper sleeper;

  /** Sleeps; tests pass one that returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  public DensityBench(HostMeter meter, Consumer<String> progress, Sleeper sleeper) {
    this.meter = meter;
    this.progress = progress;
    this.sleeper = sleeper;
  }

  /**
   * @param target guests to launch at most ({@link Integer#MAX_VALUE}: until the host is full)
   * @param waveTimeout how long one wave may take to boot before its stragglers count as failed
   * @param settle how long to wait after the last wave before measuring
   */
  DensityResult run(Fleet fleet, int target, int waveSize, Duration waveTimeout, Duration settle)
      throws InterruptedException {
    long availableBefore = meter.memAvailableMiB();
    Set<String> ready = new LinkedHashSet<>();
    Map<String, String> failures = new LinkedHashMap<>();
    List<DensityResult.Wave> waves = new ArrayList<>();
    int launched = 0;
    while (launched < target) {
      long t0 = System.nanoTime();
      List<String> ids = fleet.launch(Math.min(waveSize, target - launched));
      if (ids.isEmpty()) {
        break;
      }
      launched += ids.size();
      Set<String> booting = new LinkedHashSet<>(ids);
      while (!booting.isEmpty() && System.nanoTime() - t0 < waveTimeout.toNanos()) {
        fleet.poll(booting).forEach((id, outcome) -> {
          booting.remove(id);
          if (outcome.ready()) {
            ready.add(id);
          } else {
            failures.put(id, outcome.failure());
          }
        });
        if (!booting.isEmpty()) {
          sleeper.sleep(BenchClock.POLL_MS);
        }
      }
      booting.forEach(id -> failures.put(id, "not READY within " + waveTimeout.toSeconds() + " s"));
      double seconds = (System.nanoTime() - t0) / 1e9;
      boolean allUp = ids.stream().allMatch(ready::contains);
      waves.add(new DensityResult.Wave(ids.size(), allUp ? seconds : Double.NaN));
      progress.accept(String.format("%s: wave %d: %d guests %s in %.1f s; %d READY, %d failed, %d MiB available",
          fleet.label(), waves.size(), ids.size(), allUp ? "READY" : "launched", seconds, ready.size(),
          failures.size(), meter.memAvailableMiB()));
      if (fleet.fullBecause().isPresent()) {
        break;
      }
    }
    if (!settle.isZero()) {
      progress.accept(fleet.label() + ": settling " + settle.toSeconds() + " s before measuring");
      sleeper.sleep(settle.toMillis());
    }
    Map<String, HostMeter.Footprint> first = meter.footprints(ready);
    long ksmd = meter.ksmdCpuTicks();
    sleeper.sleep(CPU_WINDOW.toMillis());
    double ksmdPercent = (meter.ksmdCpuTicks() - ksmd) * 100.0 / HostMeter.TICKS_PER_SECOND / CPU_WINDOW.toSeconds();
    Map<String, HostMeter.Footprint> fp = meter.footprints(ready);
    List<Double> cpu = fp.entrySet().stream().filter(e -> first.containsKey(e.getKey()))
        .map(e -> (e.getValue().cpuTicks() - first.get(e.getKey()).cpuTicks()) * 100.0
            / HostMeter.TICKS_PER_SECOND / CPU_WINDOW.toSeconds()).toList();
    for (String id : ready) {
      if (!fp.containsKey(id)) {
        failures.put(id, "READY, but its QEMU no longer runs at the end (killed? see the host's kernel log)");
      }
    }
    List<Double> rss = fp.values().stream().map(f -> f.rssKiB() / 1024.0).toList();
    List<Double> pss = fp.values().stream().map(f -> f.pssKiB() / 1024.0).toList();
    String binding = fleet.fullBecause().orElse(launched >= target ? "count" : "none");
    return new DensityResult(fleet.label(), fp.size(), failures, availableBefore - meter.memAvailableMiB(),
        Stats.of(rss).p50(), Stats.of(rss).max(), Stats.of(pss).p50(), meter.ksmSavedMiB(), ksmdPercent, cpu.isEmpty() ? Double.NaN : Stats.of(cpu).p50(), binding,
        waves);
  }
}
