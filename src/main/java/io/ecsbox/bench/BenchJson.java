package io.ecsbox.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How benchmarks write their figures as JSON. */
public final class BenchJson {
  private BenchJson() {}

  /** A figure to two decimals; JSON has no NaN, so one that could not be measured is null. */
  public static void number(ObjectNode o, String key, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(key);
    } else {
      o.put(key, Math.round(v * 100) / 100.0);
    }
  }
}
