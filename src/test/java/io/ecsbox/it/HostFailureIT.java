package io.ecsbox.it;

import static io.ecsbox.it.EcsboxHarness.BOOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.DescribeInstanceHistoryEventsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceHistoryEventsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the host, not the user, stops an instance, the user sees it at once and why: a guest
 * whose QEMU is killed with SIGKILL, one the kernel's OOM killer kills (a real OOM kill in the
 * guest's own memory cgroup), and a start QEMU refuses (a damaged disk) all show Stopped, the reason in DescribeInstances (OperationLocks and
 * EcsboxStatusReason), a SystemFailure.Stop event, and {@code start --wait} returns at once.
 * Nothing else is lost: the killed guest starts again and boots.
 */
class HostFailureIT {
  private static final Duration NOTICE = Duration.ofSeconds(30);
  private static EcsboxHarness h;

  @BeforeAll
  static void startDaemon() throws IOException {
    h = EcsboxHarness.start("hostfail");
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close();
    }
  }

  private static String launch(String name) throws Exception {
    return launch(name, null);
  }

  private static String launch(String name, String userData) throws Exception {
    RunInstancesRequest run = new RunInstancesRequest();
    if (userData != null) {
      run.setUserData(java.util.Base64.getEncoder().encodeToString(userData.getBytes(
          java.nio.charset.StandardCharsets.UTF_8)));
    }
    run.setImageId(EcsboxHarness.IMAGE_ID);
    run.setInstanceType(EcsboxHarness.NANO);
    run.setInstanceName(name);
    run.setHostName(name);
    String id = h.call(run).getInstanceIdSets().get(0);
    h.track(List.of(id));
    return id;
  }

  @Test
  void aGuestKilledWithSigkillShowsStoppedWithTheReasonAndAnEventAndStartsAgain() throws Exception {
    String id = launch("victim");
    h.waitForConsoleLine(id, EcsboxHarness.READY, 1, BOOT);
    long pid = qemuPid(id);
    assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "SIGKILL sent to QEMU " + pid);

    h.waitForStatus(id, "Stopped", NOTICE);
    DescribeInstancesResponse.Instance i = h.describe(id).orElseThrow();
    assertEquals(1, i.getOperationLocks().size(), "the reason is in OperationLocks");
    assertEquals("SystemFailure.Stop", i.getOperationLocks().get(0).getLockReason());
    String why = i.getOperationLocks().get(0).getLockMsg();
    assertTrue(why.contains("QEMU process ended unexpectedly"), why);
    JsonNode raw = describeRaw(id);
    assertEquals("SystemFailure.Stop", raw.path("EcsboxStatusReason").path("Code").asText());
    assertEquals(why, raw.path("EcsboxStatusReason").path("Message").asText());

    List<DescribeInstanceHistoryEventsResponse.InstanceSystemEventType> events = events(id);
    assertEquals(1, events.size(), "one event");
    assertEquals("SystemFailure.Stop", events.get(0).getEventType().getName());
    assertEquals("Executed", events.get(0).getEventCycleStatus().getName());
    assertEquals(why, events.get(0).getReason());
    EcsboxHarness.CliResult show = h.cli("instance", "show", id);
    assertTrue(show.out().contains("EcsboxStatusReason.Message:") && show.out().contains("QEMU process ended"),
        show.toString());
    EcsboxHarness.CliResult listed = h.cli("instance", "events", id);
    assertTrue(listed.out().contains("SystemFailure.Stop") && listed.out().contains(events.get(0).getEventId()),
        listed.toString());

    StartInstanceRequest start = new StartInstanceRequest();
    start.setInstanceId(id);
    h.call(start);
    h.waitForStatus(id, "Running", NOTICE);
    h.waitForConsoleLine(id, EcsboxHarness.READY, 1, BOOT); // the console log restarts with the guest
    i = h.describe(id).orElseThrow();
    assertEquals(0, i.getOperationLocks().size(), "a good start clears the reason");
    assertTrue(describeRaw(id).path("EcsboxStatusReason").isEmpty());
    assertEquals(1, events(id).size(), "the history keeps the event");
  }

  /**
   * When its NIC's link goes down (the test's signal, after the limit is set) the guest fills a
   * 400 MiB tmpfs with random bytes (zeros KSM would merge), 10 MiB a second: its QEMU's memory grows.
   */
  private static final String GROW = "#!/bin/sh\n( while [ \"$(cat /sys/class/net/eth0/carrier)\" != 0 ]; do sleep 1;"
      + " done; mkdir -p /mnt/oom; mount -t tmpfs -o size=400m tmpfs /mnt/oom; i=0; while [ $i -lt 40 ]; do"
      + " dd if=/dev/urandom of=/mnt/oom/f$i bs=1M count=10 2>/dev/null; i=$((i+1)); sleep 1; done ) &\n";

  @Test
  void aGuestTheOomKillerKillsShowsStoppedWithThatReason() throws Exception {
    String id = launch("oom", GROW);
    h.waitForConsoleLine(id, EcsboxHarness.READY, 1, BOOT);
    // A real OOM kill confined to this guest: libvirt's memory cgroup of the domain gets a hard
    // limit a little above what QEMU uses now, and the guest's growing tmpfs crosses it.
    Path cgroup = memoryCgroup(qemuPid(id));
    Assumptions.assumeTrue(cgroup != null, "QEMU is in no cgroup v1 memory controller here");
    long usedKiB = Long.parseLong(Files.readAllLines(cgroup.resolve("memory.usage_in_bytes")).get(0).strip()) / 1024;
    String limit = String.valueOf(usedKiB + 32 * 1024);
    List<String> memtune = new ArrayList<>(List.of("virsh", "-c", EcsboxHarness.LIBVIRT_URI, "memtune",
        id, "--hard-limit", limit));
    if (Files.exists(cgroup.resolve("memory.memsw.limit_in_bytes"))) {
      // On a host with swap the hard limit alone would swap QEMU out instead: memory+swap gets the same limit.
      memtune.addAll(List.of("--swap-hard-limit", limit));
    } else {
      Assumptions.assumeTrue(Files.readAllLines(Path.of("/proc/swaps")).size() <= 1,
          "the host swaps and its memory cgroup cannot limit swap (no memsw)");
    }
    memtune.add("--live");
    StorageKit.RUN.run(memtune);
    String mac = describeRaw(id).path("NetworkInterfaces").path("NetworkInterface").path(0).path("MacAddress")
        .asText();
    StorageKit.RUN.run(List.of("virsh", "-c", EcsboxHarness.LIBVIRT_URI, "domif-setlink", id, mac, "down"));
    try {
      h.waitForStatus(id, "Stopped", Duration.ofSeconds(180));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- memory cgroup " + cgroup + ": " + cgroupFacts(cgroup), e);
    }
    String why = h.describe(id).orElseThrow().getOperationLocks().get(0).getLockMsg();
    assertTrue(why.contains("OOM killer killed the guest's QEMU process"), why);
    assertEquals(why, events(id).get(0).getReason());
  }

  /** What the memory cgroup says, for a failure message. */
  private static String cgroupFacts(Path cgroup) {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.usage_in_bytes",
        "memory.max_usage_in_bytes", "memory.failcnt", "memory.oom_control")) {
      try {
        b.append(f).append('=').append(String.join(" ", Files.readAllLines(cgroup.resolve(f)))).append("; ");
      } catch (IOException e) {
        b.append(f).append(": ").append(e.getMessage()).append("; ");
      }
    }
    return b.toString();
  }

  /** The cgroup v1 memory controller directory of a process, or null. */
  private static Path memoryCgroup(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "cgroup"))) {
      String[] f = line.split(":", 3);
      if (f.length == 3 && f[1].equals("memory")) {
        Path dir = Path.of("/sys/fs/cgroup/memory" + f[2]);
        return Files.exists(dir.resolve("memory.usage_in_bytes")) ? dir : null;
      }
    }
    return null;
  }

  @Test
  void aStartQemuRefusesIsStoppedAtOnceWithQemusWordsAndStartWaitSaysSo() throws Exception {
    String id = launch("broken");
    h.waitForStatus(id, "Running", BOOT);
    StopInstanceRequest stop = new StopInstanceRequest();
    stop.setInstanceId(id);
    stop.setForceStop(true);
    h.call(stop);
    h.waitForStatus(id, "Stopped", NOTICE);
    Path top = systemDiskFile(id);
    try (FileChannel ch = FileChannel.open(top, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(512), 0); // the qcow2 header is gone: QEMU cannot open the disk
    }

    long t0 = System.nanoTime();
    EcsboxHarness.CliResult r = h.cli("instance", "start", id, "--wait", "--timeout", "300");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("Error: " + id + ": SystemFailure.Stop: The host could not start the guest"),
        r.toString());
    assertTrue(seconds < 120, "returned with the reason instead of waiting out the timeout: " + seconds + " s");
    DescribeInstancesResponse.Instance i = h.describe(id).orElseThrow();
    assertEquals("Stopped", i.getStatus());
    String why = i.getOperationLocks().get(0).getLockMsg();
    assertTrue(why.toLowerCase().contains("qcow2"), "QEMU's own words reach the user: " + why);
    assertEquals(1, events(id).size());
  }

  private static List<DescribeInstanceHistoryEventsResponse.InstanceSystemEventType> events(String id)
      throws Exception {
    DescribeInstanceHistoryEventsRequest req = new DescribeInstanceHistoryEventsRequest();
    req.setInstanceId(id);
    return h.call(req).getInstanceSystemEventSet();
  }

  private static JsonNode describeRaw(String id) throws Exception {
    Map<String, String> p = h.raw().params("DescribeInstances");
    p.put("InstanceIds", "[\"" + id + "\"]");
    RawApi.Response r = h.raw().send(p);
    assertEquals(200, r.status(), r.body().toString());
    return r.body().path("Instances").path("Instance").path(0);
  }

  /** The pid of the QEMU running {@code id}: its command line names the guest. */
  static long qemuPid(String id) throws IOException {
    try (var procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          return cmd.contains("qemu-system") && cmd.contains("guest=" + id + ",");
        } catch (IOException e) {
          return false; // ended meanwhile
        }
      }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst()
          .orElseThrow(() -> new AssertionError("no QEMU process for " + id));
    }
  }

  private static Path systemDiskFile(String id) throws Exception {
    String xml = EcsboxHarness.host().xml(id);
    return HostStorageView.domainDisks(xml).values().stream().filter(d -> d.target().equals("vda")).findFirst()
        .orElseThrow().file();
  }
}
