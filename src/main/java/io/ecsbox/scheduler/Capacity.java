package io.ecsbox.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What one host offers to guests: CPUs and memory, as the kernel reports them. */
public record Capacity(int cpus, long memoryMiB) {
  /** Reads this host from /proc (libvirt's nodeInfo memory did not match it on our machines). */
  public static Capacity ofThisHost() {
    return new Capacity(Runtime.getRuntime().availableProcessors(), memTotalMiB(Path.of("/proc/meminfo")));
  }

  static long memTotalMiB(Path meminfo) {
    try {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read host memory from " + meminfo + ": " + e.getMessage(), e);
    }
    throw new IllegalStateException("no MemTotal in " + meminfo);
  }
}
