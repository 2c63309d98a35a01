package io.ecsbox.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A process's memory from /proc: its resident set, and for this JVM the heap in use after a GC. */
public final class ProcessMemory {
  private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

  private ProcessMemory() {}

  /** RSS, heap in use and heap committed in MiB; the heap figures are NaN for another process. */
  public record Sample(double rssMiB, double heapMiB, double heapCommittedMiB) {
    public static final Sample NONE = new Sample(Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * This JVM: RSS as it runs, then a full GC and the heap in use and committed after it (the
   * JVM gives freed heap back to the OS over the next seconds, so RSS is read first).
   */
  public static Sample self() {
    double rss = rssMiB(Path.of("/proc/self/status"));
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new Sample(rss, heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0);
  }

  /** Process {@code pid}; NaN when it is gone. */
  public static Sample of(long pid) {
    return new Sample(rssMiB(Path.of("/proc", String.valueOf(pid), "status")), Double.NaN, Double.NaN);
  }

  private static double rssMiB(Path status) {
    try {
      return vmRssMiB(Files.readString(status));
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** VmRSS of a /proc/PID/status text in MiB, NaN without one. */
  static double vmRssMiB(String status) {
    Matcher m = VM_RSS.matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
  }

  /** The process listening on TCP {@code port} on this host, if one of ours can be seen in /proc. */
  public static OptionalLong listener(int port) {
    OptionalLong inode = OptionalLong.empty();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      try {
        inode = listenInode(Files.readString(Path.of(table)), port);
      } catch (IOException e) {
        continue;
      }
      if (inode.isPresent()) {
        break;
      }
    }
    if (inode.isEmpty()) {
      return OptionalLong.empty();
    }
    String socket = "socket:[" + inode.getAsLong() + "]";
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> holds(p.resolve("fd"), socket))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private static boolean holds(Path fds, String socket) {
    try (Stream<Path> s = Files.list(fds)) {
      return s.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().equals(socket);
        } catch (IOException | UnsupportedOperationException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }

  /** The inode of the socket listening on {@code port} in a /proc/net/tcp(6) table. */
  static OptionalLong listenInode(String table, int port) {
    String hexPort = String.format(":%04X", port);
    for (String line : table.split("\n")) {
      String[] f = line.trim().split("\\s+");
      // sl local_address rem_address st ... inode: field 1 ends with the port, 3 is the state (0A: LISTEN), 9 the inode
      if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
        return OptionalLong.of(Long.parseLong(f[9]));
      }
    }
    return OptionalLong.empty();
  }
}
