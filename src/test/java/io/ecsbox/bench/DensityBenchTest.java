package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The density driver on a fake fleet and a fixture /proc: waves, admission, failures, figures. */
class DensityBenchTest {
  @TempDir Path root;

  /** Admits {@code capacity} guests; each runs a QEMU of 100 + n MiB in the fixture /proc. */
  private class FakeFleet implements Fleet {
    final int capacity;
    final String failing;
    final List<String> ids = new ArrayList<>();
    boolean closed;

    FakeFleet(int capacity, String failing) {
      this.capacity = capacity;
      this.failing = failing;
    }

    @Override
    public String label() {
      return "fake";
    }

    @Override
    public List<String> launch(int n) {
      List<String> out = new ArrayList<>();
      while (out.size() < n && ids.size() < capacity) {
        String id = "i-" + ids.size();
        ids.add(id);
        out.add(id);
        if (!id.equals(failing)) {
          qemu(1000 + ids.size(), id, 100 + ids.size(), 60);
        }
      }
      return out;
    }

    @Override
    public Optional<String> fullBecause() {
      return ids.size() >= capacity ? Optional.of("memory") : Optional.empty();
    }

    @Override
    public Map<String, Outcome> poll(Collection<String> booting) {
      Map<String, Outcome> out = new LinkedHashMap<>();
      booting.forEach(id -> out.put(id, id.equals(failing) ? new Outcome("SystemFailure.Stop: no") : Outcome.READY));
      return out;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private void write(String rel, String text) {
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void qemu(int pid, String guest, long rssMiB, long pssMiB) {
    write("proc/" + pid + "/cmdline", "/usr/bin/qemu-system-x86_64\0-name\0guest=" + guest + ",debug-threads=on\0");
    write("proc/" + pid + "/status", "Name:\tqemu\nVmRSS:\t" + rssMiB * 1024 + " kB\n");
    write("proc/" + pid + "/smaps_rollup", "Rss: 1 kB\nPss:\t" + pssMiB * 1024 + " kB\n");
    stat(pid, 5000);
  }

  // /proc/PID/stat with utime 'ticks' and stime 7; the name has a space and a ')' as QEMU's may not.
  private void stat(int pid, long ticks) {
    write("proc/" + pid + "/stat", pid + " (qemu) x) S 1 1 1 0 -1 4194560 10 0 0 0 " + ticks + " 7 0 0 20 0 3 0 1\n");
  }

  // Over the CPU window each QEMU uses (pid % 4) × 10 ticks of CPU: 0.0 %, 0.5 %, 1.0 % or 1.5 % of a core.
  private void burnCpu() {
    try (var procs = Files.list(root.resolve("proc"))) {
      for (Path p : procs.filter(p -> Files.exists(p.resolve("stat"))).toList()) {
        int pid = Integer.parseInt(p.getFileName().toString());
        stat(pid, 5000 + (pid % 4) * 10);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private DensityBench bench(List<String> log) {
    write("proc/meminfo", "MemTotal: 24000000 kB\nMemAvailable: 20000000 kB\n");
    write("sys/kernel/mm/ksm/pages_sharing", "2560\n");
    write("proc/77/cmdline", "/usr/bin/java\0-jar\0guest=i-0,\0"); // not a QEMU
    write("proc/41/comm", "ksmd\n");
    write("proc/41/cmdline", "");
    stat(41, 5000);
    return new DensityBench(new HostMeter(root), log::add, ms -> {
      if (ms == DensityBench.CPU_WINDOW.toMillis()) {
        burnCpu();
      }
    });
  }

  @Test
  void untilFullStopsAtTheAdmittedCapacityAndMeasuresEveryGuest() throws Exception {
    List<String> log = new ArrayList<>();
    FakeFleet fleet = new FakeFleet(25, "i-7");
    DensityResult r = bench(log).run(fleet, Integer.MAX_VALUE, 10, Duration.ofSeconds(5), Duration.ZERO);
    assertEquals(24, r.guestsReady());
    assertEquals(Map.of("i-7", "SystemFailure.Stop: no"), r.failures());
    assertEquals("memory", r.bindingLimit());
    assertEquals(List.of(10, 10, 5), r.waves().stream().map(DensityResult.Wave::guests).toList());
    assertTrue(Double.isNaN(r.waves().get(0).readySeconds()), "the wave with a failure was not all READY");
    assertEquals(113.0, r.rssMedianMiB(), 0.01); // 101..125 without i-7's 108
    assertEquals(125.0, r.rssMaxMiB(), 0.01);
    assertEquals(60.0, r.pssMedianMiB(), 0.01);
    assertEquals(10, r.ksmSavedMiB(), "2560 pages of 4 KiB");
    assertEquals(0.5, r.ksmdCpuPercent(), 0.01, "ksmd (pid 41) used 10 ticks over the 20 s window");
    assertEquals(0.5, r.idleCpuMedianPercent(), 0.01, "median (nearest rank) of 0, 0.5, 1 and 1.5 % by pid");
    assertEquals(3, log.size(), "one progress line per wave");
  }

  @Test
  void aCountStopsThereAndAGuestGoneByTheEndIsAFailure() throws Exception {
    FakeFleet fleet = new FakeFleet(100, null) {
      @Override
      public List<String> launch(int n) {
        List<String> out = super.launch(n);
        if (ids.contains("i-3")) {
          try {
            Files.deleteIfExists(root.resolve("proc/1004/cmdline")); // i-3's QEMU ended after READY
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        return out;
      }
    };
    DensityResult r = bench(new ArrayList<>()).run(fleet, 12, 5, Duration.ofSeconds(5), Duration.ZERO);
    assertEquals("count", r.bindingLimit());
    assertEquals(11, r.guestsReady());
    assertTrue(r.failures().get("i-3").contains("no longer runs"), r.failures().toString());
  }

  @Test
  void theReportHasTheKeysOfTheIssueAndTheRatioOfGuestsPerGiB() {
    DensityResult ecs = new DensityResult("ecsbox", 200, Map.of(), 20_000, 95, 120, 60, 5_000, 3.0, 0.8, "memory available",
        List.of(new DensityResult.Wave(10, 30)));
    DensityResult plain = new DensityResult("plain libvirt", 200, Map.of("i-x", "slow"), 21_000, 96, 121, 61, 5_000, 3.0, 0.9,
        "count", List.of(new DensityResult.Wave(10, Double.NaN)));
    JsonNode j = DensityReport.json(ecs, plain);
    for (String k : List.of("guestsReady", "failures", "rssMedianMiB", "rssMaxMiB", "ksmSavedMiB", "bindingLimit",
        "plain", "densityRatio")) {
      assertTrue(j.has(k), k);
    }
    assertEquals(1.05, j.path("densityRatio").asDouble(), 0.001);
    assertEquals(1, j.path("plain").path("failures").asInt());
    assertTrue(j.path("plain").path("waves").get(0).path("readySeconds").isNull(), "NaN is null in JSON");
    String text = String.join("\n", DensityReport.lines(ecs, plain));
    assertTrue(text.contains("density ecsbox/plain: 1.05"), text);
    assertTrue(text.contains("plain libvirt failure: i-x: slow"), text);
  }

  @Test
  void theLimitThatBoundIsReadFromTheSchedulersAnswer() {
    assertEquals("memory", EcsboxFleet.bindingLimit("The resource is out of stock in zone z: 1 instance(s) of 1 vCPU"
        + " / 512 MiB need 1 vCPU / 512 MiB, but only 126 vCPU / 100 MiB are free (host ...)."));
    assertEquals("vcpus", EcsboxFleet.bindingLimit("... need 2 vCPU / 512 MiB, but only 1 vCPU / 9000 MiB are free"));
    assertEquals("fs.aio-max-nr", EcsboxFleet.bindingLimit("1 more instance(s) would make 65, but the host's"
        + " fs.aio-max-nr (65536, 1024 per guest) allows 64 guests; raise it: sysctl."));
    assertEquals("libvirtd open files", EcsboxFleet.bindingLimit("the host's libvirtd open files (1024, 4 per guest)"));
    assertEquals("memory available", EcsboxFleet.bindingLimit("the host has 900 MiB of memory available now (..."));
  }
}
