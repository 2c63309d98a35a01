package io.ecsbox.bench;

import java.util.Map;

/**
 * What one launch run measured, in seconds from the start of the run.
 *
 * @param allRunning when the last instance was Running (NaN for plain libvirt: it has no API status)
 * @param allReady when the last READY line appeared
 * @param ready per-instance time to READY
 * @param release time from the delete call to everything gone
 * @param failures instances the host could not start, with its reason (empty for plain libvirt:
 *     a failed start fails its run)
 */
public record LaunchResult(String label, int count, double allRunning, double allReady, Map<String, Double> ready,
    double release, Map<String, String> failures) {
  public String describe() {
    Stats s = Stats.of(ready.values());
    return String.format("%-14s N=%d  all Running %s  all READY %7.1f s  READY p50 %6.1f s  p99 %6.1f s  release %6.1f s",
        label, count, Double.isNaN(allRunning) ? "    -    " : String.format("%7.1f s", allRunning), allReady,
        s.p50(), s.p99(), release) + (failures.isEmpty() ? "" : String.format("  FAILED %d: %s", failures.size(),
            failures.entrySet().iterator().next()));
  }
}
