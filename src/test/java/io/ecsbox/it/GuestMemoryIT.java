package io.ecsbox.it;

import static io.ecsbox.it.EcsboxHarness.BOOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tiny guest's memory goes back to the host: the guest's balloon driver reports its
 * statistics (DescribeInstanceMemory, and EcsboxMemory in {@code ecsbox instance show}), and
 * memory the guest frees is freed on the host too (free page reporting), so its QEMU shrinks.
 */
class GuestMemoryIT {
  private static final long MIB = 1024;
  private static EcsboxHarness h;

  /**
   * Link down (the test's signal): fill a 160 MiB tmpfs with random bytes (zeros KSM would
   * merge) and say FILLED; link up again: remove it and say FREED.
   */
  private static final String FILL_THEN_FREE = "#!/bin/sh\n("
      + " c() { cat /sys/class/net/eth0/carrier 2>/dev/null; };"
      + " while [ \"$(c)\" != 0 ]; do sleep 1; done;"
      + " mkdir -p /mnt/fill; mount -t tmpfs -o size=170m tmpfs /mnt/fill;"
      + " i=0; while [ $i -lt 16 ]; do dd if=/dev/urandom of=/mnt/fill/f$i bs=1M count=10 2>/dev/null; i=$((i+1));"
      + " done; echo ECSBOX-TEST FILLED >/dev/ttyS0;"
      + " while [ \"$(c)\" != 1 ]; do sleep 1; done;"
      + " rm -f /mnt/fill/f*; umount /mnt/fill; echo ECSBOX-TEST FREED >/dev/ttyS0 ) &\n";

  @BeforeAll
  static void startDaemon() throws IOException {
    h = EcsboxHarness.start("guestmem");
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void theGuestReportsItsMemoryAndWhatItFreesIsFreedOnTheHost() throws Exception {
    RunInstancesRequest run = new RunInstancesRequest();
    run.setImageId(EcsboxHarness.IMAGE_ID);
    run.setInstanceType(EcsboxHarness.NANO);
    run.setUserData(Base64.getEncoder().encodeToString(FILL_THEN_FREE.getBytes(StandardCharsets.UTF_8)));
    String id = h.call(run).getInstanceIdSets().get(0);
    h.track(List.of(id));
    h.waitForConsoleLine(id, EcsboxHarness.READY, 1, BOOT);

    // The balloon driver reports every 10 s.
    JsonNode m = memory(id);
    for (long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        !m.has("UsableKiB") && System.nanoTime() < end; m = memory(id)) {
      Thread.sleep(2000);
    }
    assertEquals(512 * MIB, m.path("ActualKiB").asLong(), m.toString());
    long available = m.path("AvailableKiB").asLong();
    assertTrue(available > 400 * MIB && available <= 512 * MIB, "the guest's MemTotal: " + m);
    assertTrue(m.path("UsableKiB").asLong() > 100 * MIB && m.path("UsableKiB").asLong() < available, m.toString());
    assertTrue(m.path("HostRssKiB").asLong() > 0, m.toString());
    EcsboxHarness.CliResult show = h.cli("instance", "show", id);
    assertTrue(show.out().contains("EcsboxMemory.UsableKiB:"), show.toString());

    String mac = describe(id).path("NetworkInterfaces").path("NetworkInterface").path(0).path("MacAddress").asText();
    long before = rssKiB(id);
    link(id, mac, "down");
    h.waitForConsoleLine(id, Pattern.compile("ECSBOX-TEST FILLED"), 1, Duration.ofSeconds(180));
    long filled = rssKiB(id);
    assertTrue(filled - before > 120 * MIB, "160 MiB written in the guest grew its QEMU: " + before + " -> "
        + filled + " KiB");

    link(id, mac, "up");
    h.waitForConsoleLine(id, Pattern.compile("ECSBOX-TEST FREED"), 1, Duration.ofSeconds(120));
    long after = rssKiB(id);
    for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        after > filled - 100 * MIB && System.nanoTime() < end; after = rssKiB(id)) {
      Thread.sleep(1000);
    }
    assertTrue(after < filled - 100 * MIB, "what the guest freed was freed on the host: RSS " + before + " -> "
        + filled + " -> " + after + " KiB");
  }

  @Test
  void aStoppedInstanceHasNoMemoryToReport() throws Exception {
    RunInstancesRequest run = new RunInstancesRequest();
    run.setImageId(EcsboxHarness.IMAGE_ID);
    run.setInstanceType(EcsboxHarness.NANO);
    String id = h.call(run).getInstanceIdSets().get(0);
    h.track(List.of(id));
    h.waitForStatus(id, "Running", BOOT);
    StopInstanceRequest stop = new StopInstanceRequest();
    stop.setInstanceId(id);
    stop.setForceStop(true);
    h.call(stop);
    h.waitForStatus(id, "Stopped", Duration.ofSeconds(60));
    Map<String, String> p = h.raw().params("DescribeInstanceMemory");
    p.put("InstanceId", id);
    RawApi.Response r = h.raw().send(p);
    assertEquals(403, r.status(), r.body().toString());
    assertEquals("IncorrectInstanceStatus", r.body().path("Code").asText());
    Map<String, String> none = h.raw().params("DescribeInstanceMemory");
    none.put("InstanceId", "i-doesnotexist0000000");
    assertEquals(404, h.raw().send(none).status());
  }

  private static JsonNode memory(String id) throws Exception {
    Map<String, String> p = h.raw().params("DescribeInstanceMemory");
    p.put("InstanceId", id);
    RawApi.Response r = h.raw().send(p);
    assertEquals(200, r.status(), r.body().toString());
    return r.body();
  }

  private static JsonNode describe(String id) throws Exception {
    Map<String, String> p = h.raw().params("DescribeInstances");
    p.put("InstanceIds", "[\"" + id + "\"]");
    return h.raw().send(p).body().path("Instances").path("Instance").path(0);
  }

  private static void link(String id, String mac, String state) {
    StorageKit.RUN.run(List.of("virsh", "-c", EcsboxHarness.LIBVIRT_URI, "domif-setlink", id, mac, state));
  }

  private static long rssKiB(String id) throws IOException {
    Path status = Path.of("/proc", String.valueOf(HostFailureIT.qemuPid(id)), "status");
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).replace("kB", "").strip());
      }
    }
    throw new AssertionError("no VmRSS in " + status);
  }
}
