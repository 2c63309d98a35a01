package io.ecsbox.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load clients' calls got, as they come: per action the calls and the latency of
 * those answered with success; errors by code; throttled calls apart. {@code Throttling} (and
 * its {@code Throttling.*} variants) is the documented answer of a busy account and counts as
 * throttled; every other error code, 5xx or no answer counts as an error. Thread-safe.
 */
public final class LoadStats {
  private final Map<LoadAction, Samples> okMs = new EnumMap<>(LoadAction.class);
  private final Map<LoadAction, int[]> calls = new EnumMap<>(LoadAction.class); // {calls, throttled, errors}
  private final Map<String, Integer> errors = new TreeMap<>();
  private final Map<String, String> firstMessage = new TreeMap<>();

  /** True for the codes of a throttled call. */
  public static boolean throttled(String code) {
    return code.equals("Throttling") || code.startsWith("Throttling.");
  }

  public synchronized void ok(LoadAction a, double ms) {
    count(a)[0]++;
    okMs.computeIfAbsent(a, k -> new Samples()).add(ms);
  }

  /** A call answered with an error ({@code httpStatus} 0: no answer). */
  public synchronized void failed(LoadAction a, String code, int httpStatus, String message) {
    int[] c = count(a);
    c[0]++;
    if (throttled(code) && httpStatus < 500) {
      c[1]++;
      return;
    }
    c[2]++;
    String key = httpStatus >= 500 ? code + " (HTTP " + httpStatus + ")" : code;
    errors.merge(key, 1, Integer::sum);
    firstMessage.putIfAbsent(key, a + ": " + message);
  }

  private int[] count(LoadAction a) {
    return calls.computeIfAbsent(a, k -> new int[3]);
  }

  /** One action's figures; latencies in ms over its successful calls, NaN when none. */
  public record Row(LoadAction action, int calls, int throttled, int errors, Stats latency) {}

  /** The figures so far: one row per action called, in {@link LoadAction} order. */
  public synchronized List<Row> rows() {
    List<Row> out = new ArrayList<>();
    calls.forEach((a, c) -> out.add(new Row(a, c[0], c[1], c[2],
        Stats.of(okMs.getOrDefault(a, new Samples()).list()))));
    return out;
  }

  /** Latency of every successful Describe call together. */
  public synchronized Stats describeLatency() {
    List<Double> all = new ArrayList<>();
    okMs.forEach((a, v) -> {
      if (a.describe()) {
        all.addAll(v.list());
      }
    });
    return Stats.of(all);
  }

  /** Errors by code ({@code Code (HTTP 5xx)} for server errors), in code order. */
  public synchronized Map<String, Integer> errors() {
    return Collections.unmodifiableMap(new TreeMap<>(errors));
  }

  /** The first message seen for each error key. */
  public synchronized Map<String, String> firstMessages() {
    return new TreeMap<>(firstMessage);
  }

  private synchronized int total(int column) {
    return calls.values().stream().mapToInt(c -> c[column]).sum();
  }

  public int calls() {
    return total(0);
  }

  public int throttledCalls() {
    return total(1);
  }

  public int errorCalls() {
    return total(2);
  }

  /** Latencies as plain doubles: a long run keeps hundreds of thousands, in the daemon's JVM when in-process. */
  private static final class Samples {
    private double[] v = new double[1024];
    private int n;

    void add(double ms) {
      if (n == v.length) {
        v = Arrays.copyOf(v, n * 2);
      }
      v[n++] = ms;
    }

    List<Double> list() {
      List<Double> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(v[i]);
      }
      return out;
    }
  }
}
