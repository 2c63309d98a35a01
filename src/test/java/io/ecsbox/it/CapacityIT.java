package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.DeleteInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admitted means it runs: a daemon whose memory reserve leaves room for exactly two tiny
 * guests refuses the third with OperationDenied.NoStock and makes nothing for it, and admits
 * again once one is gone. {@code ecsbox doctor}'s limits are the host's real ones.
 */
class CapacityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Memory admitted: two 512 MiB guests and a little, not three. */
  private static final long ADMITTED_MIB = 2 * 512 + 100;
  private static EcsboxHarness h;

  @BeforeAll
  static void startDaemon() throws IOException {
    long reserve = memTotalMiB() - ADMITTED_MIB;
    h = EcsboxHarness.start("capacity", List.of(), Map.of("ECSBOX_MEMORY_OVERCOMMIT", "1",
        "ECSBOX_MEMORY_RESERVE_MIB", Long.toString(reserve)));
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close();
    }
  }

  private static List<String> run(int amount) throws ClientException {
    RunInstancesRequest run = new RunInstancesRequest();
    run.setImageId(EcsboxHarness.IMAGE_ID);
    run.setInstanceType(EcsboxHarness.NANO);
    run.setAmount(amount);
    List<String> ids = h.call(run).getInstanceIdSets();
    h.track(ids);
    return ids;
  }

  @Test
  void theThirdTinyGuestIsRefusedWithNoStockAndNothingIsLeftOfIt() throws Exception {
    ClientException three = assertThrows(ClientException.class, () -> run(3));
    assertEquals("OperationDenied.NoStock", three.getErrCode(), three.getErrMsg());
    assertEquals(0, h.totalInstances(), "a refused RunInstances makes none of its instances");

    List<String> two = run(2);
    ClientException third = assertThrows(ClientException.class, () -> run(1));
    assertEquals("OperationDenied.NoStock", third.getErrCode());
    assertTrue(third.getErrMsg().contains("MiB"), "says what is free: " + third.getErrMsg());
    assertEquals(2, h.totalInstances());
    for (String id : two) {
      h.waitForStatus(id, "Running", EcsboxHarness.BOOT); // the admitted ones do run
    }
    assertEquals(Set.copyOf(two), h.instanceDirs(), "no files for the refused one");
    assertEquals(Set.copyOf(two), Set.copyOf(EcsboxHarness.host().namesUsing(h.dataDir())),
        "no domain for the refused one");

    DeleteInstanceRequest del = new DeleteInstanceRequest();
    del.setInstanceId(two.get(0));
    del.setForce(true);
    h.call(del);
    h.waitUntilGone(two.get(0), java.time.Duration.ofSeconds(60));
    // Its memory is the host's again once the host released it (guest and files gone), a moment
    // after the API stopped listing it: until then RunInstances answers NoStock and makes nothing.
    List<String> again = h.waitUntil("the freed memory to be admitted again", java.time.Duration.ofSeconds(60),
        () -> {
          try {
            return run(1);
          } catch (ClientException e) {
            assertEquals("OperationDenied.NoStock", e.getErrCode());
            return List.<String>of();
          }
        }, ids -> ids.size() == 1, null);
    h.waitForStatus(again.get(0), "Running", EcsboxHarness.BOOT);
  }

  private static final Pattern LIMIT = Pattern.compile("(\\d+) \\((\\d+) in use\\), (\\d+) per guest: (\\d+) guests.*");

  @Test
  void doctorListsTheHostsRealLimits() throws Exception {
    EcsboxHarness.CliResult r = h.cli("doctor", "-o", "json");
    Map<String, String> details = new HashMap<>();
    for (JsonNode c : JSON.readTree(r.out())) {
      details.put(c.path("Check").asText(), c.path("Detail").asText());
    }
    long aioMax = sysctl("fs/aio-max-nr");
    long ptyMax = sysctl("kernel/pty/max");
    assertLimit(details, "limit fs.aio-max-nr", aioMax);
    assertLimit(details, "limit kernel.pty.max", ptyMax);
    assertLimit(details, "limit libvirtd open files", openFilesLimit("libvirtd"));
    assertTrue(details.get("memory").startsWith(memTotalMiB() + " MiB"), details.get("memory"));
  }

  private static void assertLimit(Map<String, String> details, String check, long value) {
    String d = details.get(check);
    Matcher m = LIMIT.matcher(d == null ? "" : d);
    assertTrue(m.matches(), check + ": " + d);
    assertEquals(value, Long.parseLong(m.group(1)), check + " is the host's value: " + d);
    long perGuest = Long.parseLong(m.group(3));
    assertTrue(perGuest > 0, d);
    assertEquals(value / perGuest, Long.parseLong(m.group(4)), check + ": guests = value / per guest: " + d);
  }

  /** The soft open-files limit of the running process named {@code name}, from /proc. */
  private static long openFilesLimit(String name) throws IOException {
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (Files.readAllLines(p.resolve("comm")).get(0).strip().equals(name)) {
            for (String line : Files.readAllLines(p.resolve("limits"))) {
              if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
              }
            }
          }
        } catch (IOException e) {
          // ended meanwhile
        }
      }
    }
    throw new AssertionError(name + " is not running");
  }

  // Files.readString reads procfs files short (it trusts their size, 0 or 4096): read lines.
  private static long sysctl(String name) throws IOException {
    return Long.parseLong(Files.readAllLines(Path.of("/proc/sys", name)).get(0).strip());
  }

  private static long memTotalMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no MemTotal in /proc/meminfo");
  }
}
