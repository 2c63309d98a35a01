package io.ecsbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the density benchmark reads of the host, from {@code /proc} and {@code /sys} (a root
 * directory, so tests give fixtures): available memory, each guest's QEMU RSS and PSS (found
 * by the {@code guest=NAME,} of its command line), and what KSM saves.
 */
public final class HostMeter {
  private static final long PAGE = 4096;
  private final Path root;

  public HostMeter(Path root) {
    this.root = root;
  }

  public static HostMeter local() {
    return new HostMeter(Path.of("/"));
  }

  /** Clock ticks per second of {@code /proc/PID/stat}'s times (USER_HZ, 100 on Linux). */
  public static final int TICKS_PER_SECOND = 100;

  /**
   * One QEMU's resident memory, its proportional share (shared pages split among sharers) and
   * the CPU time it has used so far, in clock ticks.
   */
  public record Footprint(long rssKiB, long pssKiB, long cpuTicks) {}

  /** MemAvailable in MiB. */
  public long memAvailableMiB() {
    return meminfoKiB("MemAvailable:") / 1024;
  }

  public long memTotalMiB() {
    return meminfoKiB("MemTotal:") / 1024;
  }

  /** The footprint of the QEMU of each named domain that runs (one pass over {@code /proc}). */
  public Map<String, Footprint> footprints(Collection<String> domains) {
    Set<String> wanted = Set.copyOf(domains);
    Map<String, Footprint> out = new HashMap<>();
    try (Stream<Path> procs = Files.list(root.resolve("proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String name = guestName(p);
        if (name != null && wanted.contains(name)) {
          out.put(name, new Footprint(field(p.resolve("status"), "VmRSS:"), field(p.resolve("smaps_rollup"), "Pss:"),
              cpuTicks(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** What KSM saves now, in MiB: pages_sharing, the extra mappings of merged pages (0 without KSM). */
  public long ksmSavedMiB() {
    Path f = root.resolve("sys/kernel/mm/ksm/pages_sharing");
    try {
      return Files.exists(f) ? Long.parseLong(Files.readAllLines(f).get(0).strip()) * PAGE / (1024 * 1024) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  // The domain a QEMU process runs: "-name guest=NAME,debug-threads=on" in its command line.
  private static String guestName(Path proc) {
    try {
      String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
      if (!cmd.contains("qemu-system")) {
        return null;
      }
      int at = cmd.indexOf("guest=");
      if (at < 0) {
        return null;
      }
      int end = cmd.indexOf(',', at);
      int nul = cmd.indexOf('\0', at);
      int stop = end < 0 ? nul : nul < 0 ? end : Math.min(end, nul);
      return cmd.substring(at + 6, stop < 0 ? cmd.length() : stop);
    } catch (IOException e) {
      return null; // ended meanwhile
    }
  }

  /** CPU time ksmd (the kernel's KSM thread) has used so far, in clock ticks; 0 when it is not seen. */
  public long ksmdCpuTicks() {
    try (Stream<Path> procs = Files.list(root.resolve("proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (Files.readAllLines(p.resolve("comm")).get(0).strip().equals("ksmd")) {
            return cpuTicks(p);
          }
        } catch (IOException | RuntimeException e) {
          // ended meanwhile, or no comm
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  // utime + stime of /proc/PID/stat: fields 14 and 15, counted after the ") " that ends the name.
  private static long cpuTicks(Path proc) {
    try {
      String stat = String.join(" ", Files.readAllLines(proc.resolve("stat")));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0; // ended meanwhile
    }
  }

  // "Key:   1234 kB" in a procfs file (read as lines: procfs files report a size of 0).
  private static long field(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String l : lines) {
        if (l.startsWith(key)) {
          return Long.parseLong(l.substring(key.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // ended meanwhile, or no such field on this kernel
    }
    return 0;
  }

  private long meminfoKiB(String key) {
    long v = field(root.resolve("proc/meminfo"), key);
    if (v == 0) {
      throw new IllegalStateException("no " + key + " in " + root.resolve("proc/meminfo"));
    }
    return v;
  }
}
