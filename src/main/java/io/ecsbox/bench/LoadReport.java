package io.ecsbox.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of a load run as printed lines or JSON: calls per action, errors by code,
 * throttled calls, latency p50/p99 of Describes and of each change, the daemon's memory at
 * start and end, and what remained of the run's instances after it deleted them.
 *
 * @param memoryOf whose memory the samples are (this JVM with an in-process daemon, or a pid)
 * @param leaks leftovers found after the wait ({@link InstanceLeaks#of})
 * @param cleanSeconds seconds from "no longer listed" until the host held nothing of them; NaN if it never did
 */
public record LoadReport(LoadBench.Result run, String memoryOf, ProcessMemory.Sample start,
    ProcessMemory.Sample end, List<String> leaks, boolean rowsChecked, double cleanSeconds) {

  /** 0 when no call failed and nothing remained; 1 otherwise. */
  public int exitCode() {
    return run.stats().errorCalls() == 0 && leaks.isEmpty() && run.cleanup().stillListed().isEmpty() ? 0 : 1;
  }

  public List<String> lines() {
    LoadStats st = run.stats();
    LoadBench.Settings s = run.settings();
    List<String> out = new ArrayList<>();
    out.add(String.format("%d clients for %.0f s, at most %d instances (%s, %s); peak %d alive, %d made",
        s.clients(), run.seconds(), s.maxInstances(), s.type(), s.image(), run.peak(), run.made().size()));
    out.add(String.format("  calls %d (%.1f/s), errors %d, throttled %d", st.calls(), st.calls() / run.seconds(),
        st.errorCalls(), st.throttledCalls()));
    out.add(String.format("  %-26s %7s %9s %6s %9s %9s", "action", "calls", "throttled", "errors", "p50 ms", "p99 ms"));
    for (LoadStats.Row r : st.rows()) {
      out.add(String.format("  %-26s %7d %9d %6d %9.1f %9.1f", r.action(), r.calls(), r.throttled(), r.errors(),
          r.latency().p50(), r.latency().p99()));
    }
    Stats d = st.describeLatency();
    out.add(String.format("  %-26s %34s %9.1f %9.1f", "all Describe calls", "", d.p50(), d.p99()));
    out.add("  (latency of successful calls; Throttling counts as throttled, any other code, 5xx or no answer"
        + " as an error)");
    Map<String, String> first = st.firstMessages();
    st.errors().forEach((code, n) -> out.add(String.format("  error %s: %d (first: %s)", code, n, first.get(code))));
    out.add(String.format("  memory of %s: RSS %.0f MiB at start, %.0f MiB at end (%+.0f MiB)%s", memoryOf,
        start.rssMiB(), end.rssMiB(), end.rssMiB() - start.rssMiB(), Double.isNaN(start.heapMiB()) ? ""
            : String.format("; heap after GC %.0f -> %.0f MiB (%+.0f MiB), committed %.0f -> %.0f MiB",
                start.heapMiB(), end.heapMiB(), end.heapMiB() - start.heapMiB(), start.heapCommittedMiB(),
                end.heapCommittedMiB())));
    LoadBench.Cleanup c = run.cleanup();
    out.add(String.format("  end: %d instances deleted, none listed after %.1f s%s", c.deleted(), c.goneSeconds(),
        c.stillListed().isEmpty() ? "" : "; STILL LISTED: " + c.stillListed()));
    out.add(leaks.isEmpty()
        ? String.format("  leaks: none of %d instances left a domain, directory%s (host clean %.1f s after the last"
            + " was no longer listed)", run.made().size(), rowsChecked ? " or store row" : " (store rows not checked)",
            cleanSeconds)
        : "  LEAKS: " + String.join(", ", leaks) + (rowsChecked ? "" : " (store rows not checked)"));
    return out;
  }

  public ObjectNode json() {
    LoadStats st = run.stats();
    LoadBench.Settings s = run.settings();
    ObjectNode o = Json.object().put("clients", s.clients()).put("maxInstances", s.maxInstances())
        .put("instanceType", s.type()).put("image", s.image());
    BenchJson.number(o, "seconds", run.seconds());
    o.put("peakInstances", run.peak()).put("instancesMade", run.made().size()).put("calls", st.calls())
        .put("errors", st.errorCalls()).put("throttled", st.throttledCalls());
    ObjectNode byAction = o.putObject("actions");
    for (LoadStats.Row r : st.rows()) {
      ObjectNode a = byAction.putObject(r.action().name()).put("calls", r.calls()).put("throttled", r.throttled())
          .put("errors", r.errors());
      BenchJson.number(a, "p50Ms", r.latency().p50());
      BenchJson.number(a, "p99Ms", r.latency().p99());
    }
    ObjectNode d = o.putObject("describe");
    BenchJson.number(d, "p50Ms", st.describeLatency().p50());
    BenchJson.number(d, "p99Ms", st.describeLatency().p99());
    ObjectNode errors = o.putObject("errorsByCode");
    st.errors().forEach(errors::put);
    ObjectNode m = o.putObject("memory").put("of", memoryOf);
    BenchJson.number(m, "rssStartMiB", start.rssMiB());
    BenchJson.number(m, "rssEndMiB", end.rssMiB());
    BenchJson.number(m, "rssGrowthMiB", end.rssMiB() - start.rssMiB());
    BenchJson.number(m, "heapStartMiB", start.heapMiB());
    BenchJson.number(m, "heapEndMiB", end.heapMiB());
    BenchJson.number(m, "heapGrowthMiB", end.heapMiB() - start.heapMiB());
    BenchJson.number(m, "heapCommittedStartMiB", start.heapCommittedMiB());
    BenchJson.number(m, "heapCommittedEndMiB", end.heapCommittedMiB());
    ObjectNode c = o.putObject("cleanup").put("deleted", run.cleanup().deleted());
    BenchJson.number(c, "goneSeconds", run.cleanup().goneSeconds());
    BenchJson.number(c, "hostCleanSeconds", cleanSeconds);
    ArrayNode listed = c.putArray("stillListed");
    run.cleanup().stillListed().forEach(listed::add);
    ArrayNode l = o.putArray("leaks");
    leaks.forEach(l::add);
    o.put("storeRowsChecked", rowsChecked);
    return o;
  }
}
