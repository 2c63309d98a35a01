package io.ecsbox.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.client.Json;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of a running JVM (the daemon) in MiB: RSS and threads from /proc, heap and
 * metaspace from {@code jcmd PID GC.heap_info}, and the JVM's own account by category from
 * {@code jcmd PID VM.native_memory summary} when it runs with -XX:NativeMemoryTracking.
 * A figure that cannot be read is NaN; native is empty.
 */
public record Footprint(double rssMiB, int threads, double heapUsedMiB, double heapCommittedMiB,
    double metaspaceUsedMiB, double metaspaceCommittedMiB, Map<String, Double> nativeCommittedMiB) {
  private static final Pattern STATUS = Pattern.compile("(?m)^(VmRSS|Threads):\\s+(\\d+)");
  // "def new generation   total 4928K, used 1580K [...", "garbage-first heap   total 260096K, used 41397K"
  private static final Pattern SPACE = Pattern.compile("(?m)^\\s*(.+?)\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("(?m)^\\s*Metaspace\\s+used (\\d+)K, committed (\\d+)K");
  // "-                 Java Heap (reserved=262144KB, committed=16384KB)"; the total line has no "-"
  private static final Pattern NMT = Pattern.compile(
      "(?m)^(?:-\\s+)?([A-Za-z][A-Za-z ]*[A-Za-z])(?::\\s*|\\s*\\()reserved=\\d+KB, committed=(\\d+)KB");

  /** Reads process {@code pid} now; {@code runner} runs the JDK's jcmd. */
  public static Footprint of(long pid, CommandRunner runner) {
    String status;
    try {
      status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
    } catch (IOException e) {
      throw new IllegalArgumentException("no process " + pid + " (" + e.getMessage() + ")");
    }
    return parse(status, jcmd(runner, pid, "GC.heap_info"), jcmd(runner, pid, "VM.native_memory", "summary"));
  }

  private static String jcmd(CommandRunner runner, long pid, String... command) {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    List<String> argv = new java.util.ArrayList<>(List.of(jcmd, String.valueOf(pid)));
    argv.addAll(List.of(command));
    CommandRunner.Result r = runner.runAllowingFailure(argv, Duration.ofSeconds(30));
    return r.exitCode() == 0 ? r.stdout() : "";
  }

  /** The figures in /proc/PID/status, GC.heap_info and VM.native_memory summary texts. */
  static Footprint parse(String status, String heapInfo, String nativeSummary) {
    double rss = Double.NaN;
    int threads = -1;
    for (Matcher m = STATUS.matcher(status); m.find(); ) {
      if (m.group(1).equals("VmRSS")) {
        rss = Long.parseLong(m.group(2)) / 1024.0;
      } else {
        threads = Integer.parseInt(m.group(2));
      }
    }
    String heapPart = heapInfo.split("(?m)^\\s*Metaspace", 2)[0];
    double used = 0;
    double committed = 0;
    boolean any = false;
    for (Matcher m = SPACE.matcher(heapPart); m.find(); ) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (name.contains("space")) { // eden/from/to and "the space": parts of a generation already counted
        continue;
      }
      any = true;
      committed += Long.parseLong(m.group(2)) / 1024.0;
      used += Long.parseLong(m.group(3)) / 1024.0;
    }
    Matcher meta = METASPACE.matcher(heapInfo);
    boolean hasMeta = meta.find();
    Map<String, Double> nat = new LinkedHashMap<>();
    for (Matcher m = NMT.matcher(nativeSummary); m.find(); ) {
      nat.put(m.group(1).trim(), Long.parseLong(m.group(2)) / 1024.0);
    }
    return new Footprint(rss, threads, any ? used : Double.NaN, any ? committed : Double.NaN,
        hasMeta ? Long.parseLong(meta.group(1)) / 1024.0 : Double.NaN,
        hasMeta ? Long.parseLong(meta.group(2)) / 1024.0 : Double.NaN, Map.copyOf(nat));
  }

  /** One line of figures, then the native categories of 0.5 MiB or more, largest first. */
  public String describe() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "RSS %.1f MiB, threads %d, heap used %.1f / committed %.1f MiB, metaspace used %.1f / committed %.1f MiB%n",
        rssMiB, threads, heapUsedMiB, heapCommittedMiB, metaspaceUsedMiB, metaspaceCommittedMiB));
    nativeCommittedMiB.entrySet().stream().filter(e -> e.getValue() >= 0.5).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> b.append(String.format(Locale.ROOT, "  native %-22s %7.1f MiB committed%n", e.getKey(),
            e.getValue())));
    return b.toString();
  }

  /** The figures as JSON (NaN as null). */
  public ObjectNode json() {
    ObjectNode o = Json.object();
    BenchJson.number(o, "RssMiB", rssMiB);
    o.put("Threads", threads);
    BenchJson.number(o, "HeapUsedMiB", heapUsedMiB);
    BenchJson.number(o, "HeapCommittedMiB", heapCommittedMiB);
    BenchJson.number(o, "MetaspaceUsedMiB", metaspaceUsedMiB);
    BenchJson.number(o, "MetaspaceCommittedMiB", metaspaceCommittedMiB);
    ObjectNode nat = o.putObject("NativeCommittedMiB");
    nativeCommittedMiB.forEach((k, v) -> BenchJson.number(nat, k, v));
    return o;
  }
}
