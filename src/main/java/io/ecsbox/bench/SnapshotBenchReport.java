package io.ecsbox.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.bench.SnapshotBenchResult.GuestWrites;
import io.ecsbox.bench.SnapshotBenchResult.History;
import io.ecsbox.bench.SnapshotBenchResult.SizeRun;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Renders a {@link SnapshotBenchResult}: a few lines and the ratios for people, or JSON. */
public final class SnapshotBenchReport {
  private static final double MIB = SnapshotTiming.MIB;

  private SnapshotBenchReport() {}

  public static List<String> lines(SnapshotBenchResult r) {
    SnapshotBenchSettings s = r.settings();
    List<String> out = new ArrayList<>();
    for (SizeRun run : List.of(r.small(), r.large())) {
      out.add(f("CreateSnapshot  %-8s disk  median %8.1f ms  min %8.1f  max %8.1f  (%d x, %d MiB written before each)",
          size(run.sizeGiB()), median(run.snapshotMs()), min(run.snapshotMs()), max(run.snapshotMs()),
          s.repetitions(), s.writeMiB()));
    }
    for (SizeRun run : List.of(r.small(), r.large())) {
      out.add(f("full copy       %-8s disk  median %8.1f ms  min %8.1f  max %8.1f  (qemu-img convert -O qcow2 of the"
          + " same chain)", size(run.sizeGiB()), median(run.copyMs()), min(run.copyMs()), max(run.copyMs())));
    }
    out.add(f("snapshot layer  after %d MiB written: median %.2f MiB, max %.2f MiB (limit 1.05 x %d + 1 = %.2f MiB)",
        s.writeMiB(), median(r.layerBytes()) / MIB, r.maxLayerBytes() / MIB, s.writeMiB(),
        s.layerLimitBytes() / MIB));
    History h = r.history();
    if (h != null) {
      out.add(f("history         %d snapshots, %d MiB written before each, in %.1f s: CreateSnapshot median %.1f ms,"
          + " last %.1f ms", h.snapshots(), h.chunkMiB(), h.seconds(), median(h.snapshotMs()),
          h.snapshotMs().isEmpty() ? Double.NaN : h.snapshotMs().get(h.snapshotMs().size() - 1)));
    }
    GuestWrites g = r.guest();
    if (g != null) {
      out.add(f("guest write     %s, %d MiB direct sequential, %d x per disk: fresh disk %.1f MiB/s, %d-snapshot"
          + " disk %.1f MiB/s (medians; disk limit %d MB/s)", g.accel().toUpperCase(Locale.ROOT), g.mib(), g.rounds(),
          median(g.freshMiBps()), h == null ? 0 : h.snapshots(), median(g.historyMiBps()), g.limitMBps()));
      out.add("guest rounds    history/fresh per round: " + String.join(", ",
          g.roundRatios().stream().map(x -> f("%.2f", x)).toList()));
    } else {
      out.add("guest write     skipped (--quick or --skip-guest)");
    }
    out.add(f("ratio CreateSnapshot %s/%s %.2f (medians; goal <= %.2f, %s; minima %.2f); snapshot layer/written %.3f"
        + " (goal <= %.3f, %s)", size(r.large().sizeGiB()), size(r.small().sizeGiB()), r.snapshotRatio(),
        SnapshotBenchResult.SNAPSHOT_RATIO_GOAL, met(r.snapshotRatioMet()), r.snapshotMinRatio(), r.layerRatio(),
        r.layerRatioGoal(), met(r.layerMet())));
    out.add(f("ratio full copy/snapshot %.1f (%s), %.1f (%s); guest write history/fresh %s",
        r.small().copySpeedup(), size(r.small().sizeGiB()), r.large().copySpeedup(), size(r.large().sizeGiB()),
        g == null ? "skipped" : f("%.2f (median of rounds; goal >= %.2f, %s)", g.ratio(), SnapshotBenchResult.GUEST_RATIO_GOAL,
            met(g.ratio() >= SnapshotBenchResult.GUEST_RATIO_GOAL))));
    return out;
  }

  public static ObjectNode json(SnapshotBenchResult r) {
    SnapshotBenchSettings s = r.settings();
    ObjectNode o = Json.object();
    o.put("repetitions", s.repetitions()).put("writeMiB", s.writeMiB());
    ArrayNode disks = o.putArray("disks");
    for (SizeRun run : List.of(r.small(), r.large())) {
      ObjectNode d = disks.addObject().put("sizeGiB", run.sizeGiB());
      sample(d.putObject("createSnapshotMs"), run.snapshotMs());
      sample(d.putObject("fullCopyMs"), run.copyMs());
      run.layerBytes().forEach(d.putArray("layerBytes")::add);
      d.put("copySpeedup", run.copySpeedup());
    }
    goal(o.putObject("createSnapshotRatio"), r.snapshotRatio(), SnapshotBenchResult.SNAPSHOT_RATIO_GOAL,
        r.snapshotRatioMet()).put("ofMinima", r.snapshotMinRatio());
    o.putObject("snapshotLayer").put("writtenBytes", r.writtenBytes()).put("maxBytes", r.maxLayerBytes())
        .put("medianBytes", (long) median(r.layerBytes())).put("limitBytes", s.layerLimitBytes())
        .put("ratio", r.layerRatio()).put("goal", r.layerRatioGoal()).put("met", r.layerMet());
    History h = r.history();
    if (h == null) {
      o.putNull("history");
    } else {
      ObjectNode hn = o.putObject("history").put("snapshots", h.snapshots()).put("chunkMiB", h.chunkMiB())
          .put("seconds", h.seconds());
      sample(hn.putObject("createSnapshotMs"), h.snapshotMs());
    }
    GuestWrites g = r.guest();
    if (g == null) {
      o.putNull("guestWrite");
    } else {
      ObjectNode gn = o.putObject("guestWrite").put("accel", g.accel()).put("mib", g.mib()).put("rounds", g.rounds())
          .put("limitMBps", g.limitMBps());
      sample(gn.putObject("freshMiBps"), g.freshMiBps());
      sample(gn.putObject("historyMiBps"), g.historyMiBps());
      g.roundRatios().forEach(gn.putArray("roundRatios")::add);
      goal(gn.putObject("ratio"), g.ratio(), SnapshotBenchResult.GUEST_RATIO_GOAL,
          g.ratio() >= SnapshotBenchResult.GUEST_RATIO_GOAL);
    }
    return o;
  }

  /** {@code 1 GiB}, {@code 1 TiB}, {@code 20 GiB}. */
  public static String size(int gib) {
    return gib % 1024 == 0 ? gib / 1024 + " TiB" : gib + " GiB";
  }

  private static void sample(ObjectNode o, List<Double> values) {
    o.put("median", median(values)).put("min", min(values)).put("max", max(values));
    ArrayNode a = o.putArray("samples");
    values.forEach(a::add);
  }

  private static ObjectNode goal(ObjectNode o, double value, double goal, boolean met) {
    return o.put("value", value).put("goal", goal).put("met", met);
  }

  private static String met(boolean ok) {
    return ok ? "met" : "MISSED";
  }

  private static double median(Collection<? extends Number> v) {
    return SnapshotBenchResult.median(v);
  }

  private static double min(Collection<? extends Number> v) {
    return SnapshotBenchResult.min(v);
  }

  private static double max(Collection<? extends Number> v) {
    return SnapshotBenchResult.max(v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
