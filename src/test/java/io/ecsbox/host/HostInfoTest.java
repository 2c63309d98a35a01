package io.ecsbox.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.agent.HostResources;
import io.ecsbox.agent.HostResources.HostLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity arithmetic from a fixture /proc: memory, and what each kernel limit allows. */
class HostInfoTest {
  private static void write(Path root, String file, String text) throws Exception {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void readsMemoryAndTheLimitsGuestsTakeFrom(@TempDir Path root) throws Exception {
    write(root, "proc/meminfo", "MemTotal:       24576000 kB\nMemFree:  1 kB\nMemAvailable:   20480000 kB\n");
    write(root, "proc/sys/fs/aio-max-nr", "65536\n");
    write(root, "proc/sys/fs/aio-nr", "3072\n");
    write(root, "proc/sys/kernel/pty/max", "4096\n");
    write(root, "proc/sys/kernel/pty/nr", "3\n");
    write(root, "proc/sys/net/ipv4/neigh/default/gc_thresh3", "1024\n");
    write(root, "proc/4242/comm", "libvirtd\n");
    write(root, "proc/4242/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max open files            20000                20000                files\n");
    Files.createDirectories(root.resolve("proc/4242/fd"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(root.resolve("proc/4242/fd/" + i), "");
    }
    HostResources h = new HostInfo(root).read(2);
    assertEquals(24000, h.memoryMiB());
    assertEquals(20000, h.memoryAvailableMiB());
    Map<String, HostLimit> byName = new java.util.HashMap<>();
    h.limits().forEach(l -> byName.put(l.name(), l));
    assertEquals(64, byName.get("fs.aio-max-nr").guests(), "65,536 events / 1,024 per guest");
    assertEquals(3072, byName.get("fs.aio-max-nr").inUse());
    assertEquals(4096, byName.get("kernel.pty.max").guests());
    assertEquals(5000, byName.get("libvirtd open files").guests(), "20,000 files / 4 per guest");
    assertEquals(5, byName.get("libvirtd open files").inUse());
    assertEquals(1024, byName.get("net.ipv4.neigh.default.gc_thresh3").guests(), "one neighbour per guest NIC");
    assertEquals("fs.aio-max-nr", h.tightest().orElseThrow().name());
  }

  @Test
  void aHostWithoutTheSysctlsHasNoKernelLimits(@TempDir Path root) throws Exception {
    write(root, "proc/meminfo", "MemTotal: 1048576 kB\nMemAvailable: 524288 kB\n");
    HostResources h = new HostInfo(root).read(4);
    assertEquals(1024, h.memoryMiB());
    assertEquals(java.util.Optional.empty(), h.tightest());
  }
}
