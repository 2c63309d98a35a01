package io.ecsbox.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Rounds of the launch benchmark: each round one ecsbox run and one plain libvirt run of the
 * same N, and the ratios ecsbox/plain per round and over the rounds (median, min, max), as
 * text lines or JSON. One run on a loaded host varies by about 10%; the spread says how much.
 */
public final class LaunchRounds {
  /** One round's two runs; {@code plainFirst} when the plain run went first that round. */
  public record Pair(int round, boolean plainFirst, LaunchResult ecsbox, LaunchResult plain) {
    public double allReadyRatio() {
      return ecsbox.allReady() / plain.allReady();
    }

    public double readyP50Ratio() {
      return Stats.of(ecsbox.ready().values()).p50() / Stats.of(plain.ready().values()).p50();
    }

    public double releaseRatio() {
      return ecsbox.release() / plain.release();
    }
  }

  /** Median (the mean of the middle two for an even count), min and max; NaN ones left out. */
  public record Spread(double median, double min, double max) {
    public static Spread of(List<Double> values) {
      List<Double> v = new ArrayList<>(values.stream().filter(d -> !Double.isNaN(d)).toList());
      if (v.isEmpty()) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN);
      }
      Collections.sort(v);
      int n = v.size();
      double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
      return new Spread(median, v.get(0), v.get(n - 1));
    }
  }

  private final List<Pair> pairs = new ArrayList<>();

  /** The plain run goes first in even rounds, so a drift of the host (caches, KSM) is shared out. */
  public static boolean plainFirst(int round) {
    return round % 2 == 0;
  }

  public void add(Pair p) {
    pairs.add(p);
  }

  public List<Pair> pairs() {
    return List.copyOf(pairs);
  }

  public Spread spread(ToDoubleFunction<Pair> ratio) {
    return Spread.of(pairs.stream().map(ratio::applyAsDouble).toList());
  }

  /** One line per round, then the median and spread of each ratio. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Pair p : pairs) {
      out.add(String.format("round %d%s: ratio ecsbox/plain: all READY %.2f, READY p50 %.2f, release %.2f",
          p.round(), p.plainFirst() ? " (plain first)" : "", p.allReadyRatio(), p.readyP50Ratio(),
          p.releaseRatio()));
    }
    out.add(String.format("over %d round%s, median [min-max]: all READY %s, READY p50 %s, release %s",
        pairs.size(), pairs.size() == 1 ? "" : "s", text(spread(Pair::allReadyRatio)),
        text(spread(Pair::readyP50Ratio)), text(spread(Pair::releaseRatio))));
    return out;
  }

  private static String text(Spread s) {
    return String.format("%.2f [%.2f-%.2f]", s.median(), s.min(), s.max());
  }

  public ObjectNode json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode rounds = o.putArray("rounds");
    for (Pair p : pairs) {
      ObjectNode r = rounds.addObject().put("round", p.round()).put("plainFirst", p.plainFirst());
      r.set("ecsbox", run(p.ecsbox()));
      r.set("plain", run(p.plain()));
      BenchJson.number(r, "allReadyRatio", p.allReadyRatio());
      BenchJson.number(r, "readyP50Ratio", p.readyP50Ratio());
      BenchJson.number(r, "releaseRatio", p.releaseRatio());
    }
    ObjectNode ratios = o.putObject("ratios");
    ratios.set("allReady", json(spread(Pair::allReadyRatio)));
    ratios.set("readyP50", json(spread(Pair::readyP50Ratio)));
    ratios.set("release", json(spread(Pair::releaseRatio)));
    return o;
  }

  private static ObjectNode run(LaunchResult r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("label", r.label()).put("count", r.count());
    BenchJson.number(o, "allRunningSeconds", r.allRunning());
    BenchJson.number(o, "allReadySeconds", r.allReady());
    Stats s = Stats.of(r.ready().values());
    BenchJson.number(o, "readyP50Seconds", s.p50());
    BenchJson.number(o, "readyP99Seconds", s.p99());
    BenchJson.number(o, "releaseSeconds", r.release());
    o.put("failures", r.failures().size());
    return o;
  }

  private static ObjectNode json(Spread s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    BenchJson.number(o, "median", s.median());
    BenchJson.number(o, "min", s.min());
    BenchJson.number(o, "max", s.max());
    return o;
  }
}
