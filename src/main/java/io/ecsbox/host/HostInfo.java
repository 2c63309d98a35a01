package io.ecsbox.host;

import io.ecsbox.agent.HostResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this host offers, read from the kernel (libvirt's nodeInfo memory did not match /proc here). */
public final class HostInfo {
  private HostInfo() {}

  /** This host's CPUs and its memory from /proc/meminfo. */
  public static HostResources resources() {
    return new HostResources(Runtime.getRuntime().availableProcessors(), memTotalMiB(Path.of("/proc/meminfo")));
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
