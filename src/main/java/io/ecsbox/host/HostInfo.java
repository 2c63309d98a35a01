package io.ecsbox.host;

import io.ecsbox.agent.HostResources;
import io.ecsbox.agent.HostResources.HostLimit;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this host offers, read from the kernel under {@code root} ("/" on a host; a fixture
 * tree in tests): memory from {@code /proc/meminfo} (libvirt's nodeInfo did not match it here),
 * and the kernel limits each guest takes from, with what one guest takes (measured here: one
 * tiny guest took 1,024 AIO events, 1 PTY for its serial console, 4 open files of libvirtd
 * and 4 of virtlogd), plus the neighbour table all namespaces share (one entry per guest NIC,
 * in its vRouter's namespace).
 */
public final class HostInfo {
  /** AIO events one QEMU takes while its disks use io='native'. */
  public static final long AIO_PER_GUEST = 1024;
  /** The daemons whose open files every guest takes from (4 each, measured). */
  private static final List<String> DAEMONS = List.of("libvirtd", "virtlogd");
  private final Path root;

  public HostInfo(Path root) {
    this.root = root;
  }

  /** This host, now. */
  public static HostResources resources() {
    return new HostInfo(Path.of("/")).read(Runtime.getRuntime().availableProcessors());
  }

  /** The host under {@code root} with {@code cpus} CPUs. */
  public HostResources read(int cpus) {
    List<HostLimit> limits = new ArrayList<>();
    sysctl("fs/aio-max-nr").ifPresent(v -> limits.add(new HostLimit("fs.aio-max-nr", v,
        sysctl("fs/aio-nr").orElse(0L), AIO_PER_GUEST, "sysctl -w fs.aio-max-nr=N (host-setup/setup.sh persists it)")));
    sysctl("kernel/pty/max").ifPresent(v -> limits.add(new HostLimit("kernel.pty.max", v,
        sysctl("kernel/pty/nr").orElse(0L), 1, "sysctl -w kernel.pty.max=N (one per serial console)")));
    Map<String, String> pids = processesOf(DAEMONS);
    for (String daemon : DAEMONS) {
      Optional.ofNullable(pids.get(daemon)).ifPresent(pid -> openFilesLimit(pid).ifPresent(v -> limits.add(
          new HostLimit(daemon + " open files", v, openFiles(pid), 4,
              "LimitNOFILE= of " + daemon + " (systemd) or ulimit -n"))));
    }
    // One table for all namespaces: each guest NIC is a neighbour of its vRouter (namespace).
    sysctl("net/ipv4/neigh/default/gc_thresh3").ifPresent(v -> limits.add(new HostLimit(
        "net.ipv4.neigh.default.gc_thresh3", v, 0, 1,
        "sysctl -w net.ipv4.neigh.default.gc_thresh3=N (host-setup/setup.sh raises it)")));
    sysctl("net/netfilter/nf_conntrack_max").ifPresent(v -> limits.add(new HostLimit("net.netfilter.nf_conntrack_max",
        v, sysctl("net/netfilter/nf_conntrack_count").orElse(0L), 0, "sysctl -w net.netfilter.nf_conntrack_max=N")));
    return new HostResources(cpus, meminfoMiB("MemTotal"), meminfoMiB("MemAvailable"), limits);
  }

  long meminfoMiB(String field) {
    Path meminfo = root.resolve("proc/meminfo");
    try {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read host memory from " + meminfo + ": " + e.getMessage(), e);
    }
    throw new IllegalStateException("no " + field + " in " + meminfo);
  }

  private Optional<Long> sysctl(String name) {
    try {
      // readAllLines, not readString: procfs files report size 0, and readString read one byte of them here
      return Optional.of(Long.parseLong(Files.readAllLines(root.resolve("proc/sys").resolve(name)).get(0).strip()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The pid of a process of each of the commands ({@code comm}) that runs, in one pass over /proc. */
  private Map<String, String> processesOf(List<String> comms) {
    Map<String, String> found = new HashMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve("proc"), "[0-9]*")) {
      for (Path p : ds) {
        try {
          List<String> lines = Files.readAllLines(p.resolve("comm"));
          if (!lines.isEmpty() && comms.contains(lines.get(0).strip())) {
            found.putIfAbsent(lines.get(0).strip(), p.getFileName().toString());
            if (found.size() == comms.size()) {
              break;
            }
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    } catch (IOException e) {
      // no /proc to read: no daemon limits
    }
    return found;
  }

  private Optional<Long> openFilesLimit(String pid) {
    try {
      for (String line : Files.readAllLines(root.resolve("proc").resolve(pid).resolve("limits"))) {
        if (line.startsWith("Max open files")) {
          String[] f = line.substring("Max open files".length()).trim().split("\\s+");
          return f[0].equals("unlimited") ? Optional.empty() : Optional.of(Long.parseLong(f[0]));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private long openFiles(String pid) {
    try (var s = Files.list(root.resolve("proc").resolve(pid).resolve("fd"))) {
      return s.count();
    } catch (IOException e) {
      return 0;
    }
  }
}
