package io.ecsbox.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The density figures of ecsbox and plain libvirt side by side, as text lines or JSON. */
public final class DensityReport {
  /** How many failure reasons are shown (the JSON counts them all). */
  private static final int REASONS = 5;

  private DensityReport() {}

  /** ecsbox's guests per GiB over plain libvirt's: 1.0 when ecsbox adds nothing; NaN without a plain run. */
  public static double ratio(DensityResult ecs, DensityResult plain) {
    return plain == null ? Double.NaN : ecs.guestsPerGiB() / plain.guestsPerGiB();
  }

  public static ObjectNode json(DensityResult ecs, DensityResult plain) {
    ObjectNode o = one(ecs);
    if (plain != null) {
      o.set("plain", one(plain));
    }
    BenchJson.number(o, "densityRatio", ratio(ecs, plain));
    return o;
  }

  private static ObjectNode one(DensityResult r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("label", r.label()).put("guestsReady", r.guestsReady()).put("failures", r.failures().size());
    o.put("memUsedMiB", r.memUsedMiB());
    BenchJson.number(o, "rssMedianMiB", r.rssMedianMiB());
    BenchJson.number(o, "rssMaxMiB", r.rssMaxMiB());
    BenchJson.number(o, "pssMedianMiB", r.pssMedianMiB());
    o.put("ksmSavedMiB", r.ksmSavedMiB());
    BenchJson.number(o, "ksmdCpuPercent", r.ksmdCpuPercent());
    BenchJson.number(o, "idleCpuMedianPercent", r.idleCpuMedianPercent());
    o.put("bindingLimit", r.bindingLimit());
    BenchJson.number(o, "guestsPerGiB", r.guestsPerGiB());
    ArrayNode waves = o.putArray("waves");
    for (DensityResult.Wave w : r.waves()) {
      BenchJson.number(waves.addObject().put("guests", w.guests()), "readySeconds", w.readySeconds());
    }
    ObjectNode reasons = o.putObject("failureReasons");
    r.failures().forEach(reasons::put);
    return o;
  }

  /** The table of both runs, then the ratio and the first failure reasons. */
  public static List<String> lines(DensityResult ecs, DensityResult plain) {
    List<String> out = new ArrayList<>();
    List<DensityResult> runs = plain == null ? List.of(ecs) : List.of(ecs, plain);
    row(out, "", runs, DensityResult::label);
    row(out, "guests READY", runs, r -> String.valueOf(r.guestsReady()));
    row(out, "failures", runs, r -> String.valueOf(r.failures().size()));
    row(out, "host memory used (MiB)", runs, r -> String.valueOf(r.memUsedMiB()));
    row(out, "RSS per guest median (MiB)", runs, r -> fmt(r.rssMedianMiB()));
    row(out, "RSS per guest max (MiB)", runs, r -> fmt(r.rssMaxMiB()));
    row(out, "PSS per guest median (MiB)", runs, r -> fmt(r.pssMedianMiB()));
    row(out, "KSM saved (MiB)", runs, r -> String.valueOf(r.ksmSavedMiB()));
    row(out, "ksmd CPU (% core)", runs, r -> fmt(r.ksmdCpuPercent()));
    row(out, "idle CPU per guest (% core)", runs, r -> fmt(r.idleCpuMedianPercent()));
    row(out, "guests per GiB used", runs, r -> fmt(r.guestsPerGiB()));
    row(out, "binding limit", runs, DensityResult::bindingLimit);
    row(out, "waves READY (s)", runs, r -> waves(r.waves()));
    if (plain != null) {
      out.add(String.format("density ecsbox/plain: %.2f (guests per GiB used; 1.0 = ecsbox adds nothing)",
          ratio(ecs, plain)));
    }
    for (DensityResult r : runs) {
      int shown = 0;
      for (Map.Entry<String, String> f : r.failures().entrySet()) {
        if (shown++ == REASONS) {
          out.add(String.format("  ... and %d more", r.failures().size() - REASONS));
          break;
        }
        out.add(String.format("%s failure: %s: %s", r.label(), f.getKey(), f.getValue()));
      }
    }
    return out;
  }

  private static void row(List<String> out, String name, List<DensityResult> runs,
      Function<DensityResult, String> cell) {
    StringBuilder b = new StringBuilder(String.format("%-28s", name));
    for (DensityResult r : runs) {
      b.append(String.format("%-18s", cell.apply(r)));
    }
    out.add(b.toString().stripTrailing());
  }

  private static String waves(List<DensityResult.Wave> waves) {
    if (waves.isEmpty()) {
      return "-";
    }
    List<Double> s = waves.stream().map(DensityResult.Wave::readySeconds).filter(d -> !Double.isNaN(d)).toList();
    return s.isEmpty() ? "none all READY" : String.format("p50 %s max %s", fmt(Stats.of(s).p50()),
        fmt(Stats.of(s).max()));
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.1f", v);
  }
}
