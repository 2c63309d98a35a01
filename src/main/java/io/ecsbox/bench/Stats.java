package io.ecsbox.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Percentiles of a sample (nearest-rank), in the unit the values have. */
public record Stats(double p50, double p99, double max) {
  public static Stats of(Collection<Double> values) {
    if (values.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN);
    }
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return new Stats(rank(v, 50), rank(v, 99), v.get(v.size() - 1));
  }

  private static double rank(List<Double> sorted, int pct) {
    int i = (int) Math.ceil(pct / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
