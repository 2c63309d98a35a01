package io.ecsbox.bench;

import io.ecsbox.host.exec.CommandException;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QEMU's disk I/O modes side by side on this host's data dir: {@code qemu-img bench} drives
 * QEMU's own block layer on a qcow2 file with {@code cache=none}, as a guest's disk runs, once
 * per mode ({@code native}: Linux AIO, which takes from {@code fs.aio-max-nr}; {@code io_uring};
 * {@code threads}) and operation (4 KiB writes, then reads), in a shuffled order each round so
 * the host's noise falls on all alike. A mode the host cannot use is reported, not fatal.
 */
public final class DiskIoBench {
  /** The modes QEMU 7.2 has for {@code <driver io='...'>}. */
  public static final List<String> MODES = List.of("native", "io_uring", "threads");
  public static final List<String> OPS = List.of("write", "read");
  private static final Pattern COMPLETED = Pattern.compile("Run completed in ([0-9.]+) seconds");

  private final CommandRunner runner;
  private final Consumer<String> progress;

  public DiskIoBench(CommandRunner runner, Consumer<String> progress) {
    this.runner = runner;
    this.progress = progress;
  }

  /**
   * @param iops each mode's and operation's IOPS, one per round
   * @param failures modes the host refused, with QEMU's words
   */
  public record Result(int requests, int depth, Map<String, Map<String, List<Double>>> iops,
      Map<String, String> failures) {
    /** The median IOPS of a mode and operation, NaN when it never ran. */
    public double median(String mode, String op) {
      List<Double> v = iops.getOrDefault(mode, Map.of()).getOrDefault(op, List.of());
      return Stats.of(v).p50();
    }

    /** The median of {@code mode}'s IOPS over native's, round by round. */
    public double ratioToNative(String mode, String op) {
      List<Double> a = iops.getOrDefault(mode, Map.of()).getOrDefault(op, List.of());
      List<Double> n = iops.getOrDefault("native", Map.of()).getOrDefault(op, List.of());
      List<Double> r = new ArrayList<>();
      for (int i = 0; i < Math.min(a.size(), n.size()); i++) {
        r.add(a.get(i) / n.get(i));
      }
      return Stats.of(r).p50();
    }
  }

  /** Runs {@code rounds} rounds of {@code requests} 4 KiB requests, {@code depth} in flight, in {@code dir}. */
  public Result run(Path dir, int rounds, int requests, int depth) {
    Path file = dir.resolve("ecsbox-bench-io-" + Long.toHexString(new Random().nextLong() >>> 8) + ".qcow2");
    Map<String, Map<String, List<Double>>> iops = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    try {
      // Metadata preallocated: the writes measure I/O, not qcow2 cluster allocation.
      runner.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-o", "preallocation=metadata",
          file.toString(), "1G"));
      Random order = new Random();
      for (int round = 1; round <= rounds; round++) {
        List<String> modes = new ArrayList<>(MODES);
        modes.removeAll(failures.keySet());
        Collections.shuffle(modes, order);
        for (String mode : modes) {
          for (String op : OPS) {
            Optional<Double> v = once(file, mode, op, requests, depth, failures);
            v.ifPresent(x -> iops.computeIfAbsent(mode, k -> new LinkedHashMap<>())
                .computeIfAbsent(op, k -> new ArrayList<>()).add(x));
          }
        }
        progress.accept("round " + round + "/" + rounds + " done");
      }
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Result(requests, depth, iops, failures);
  }

  private Optional<Double> once(Path file, String mode, String op, int requests, int depth,
      Map<String, String> failures) {
    List<String> argv = new ArrayList<>(List.of("qemu-img", "bench", "-f", "qcow2", "-t", "none", "-i", mode,
        "-c", String.valueOf(requests), "-d", String.valueOf(depth), "-s", "4096", "-S", "69632"));
    if (op.equals("write")) {
      argv.add("-w");
    }
    argv.add(file.toString());
    try {
      String out = runner.run(argv, Duration.ofMinutes(10)).stdout();
      return Optional.of(requests / seconds(out));
    } catch (CommandException e) {
      failures.put(mode, e.getMessage());
      return Optional.empty();
    }
  }

  /** The run's seconds in {@code qemu-img bench}'s output. */
  static double seconds(String out) {
    Matcher m = COMPLETED.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("qemu-img bench printed no 'Run completed': " + out);
    }
    return Double.parseDouble(m.group(1));
  }
}
