package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.bench.SnapshotBenchResult.GuestWrites;
import io.ecsbox.client.Json;
import io.ecsbox.client.WaitTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Part 4 of {@code bench snapshot}: one guest with a fresh disk and a disk with a snapshot
 * history attached (both unattached until now, never written by the host after this), whose
 * user data runs the image's I/O probe on each; the rates come from its serial console. The
 * instance is deleted at the end; the disks stay (Available).
 */
public final class GuestWriteBench {
  /** PL3 at this size has QEMU limits (4000 MB/s) far above what a guest writes here. */
  public static final String CATEGORY = "cloud_essd";
  public static final String LEVEL = "PL3";
  public static final int SIZE_GIB = 8000;
  private static final long DISK_POLL_MS = 200;
  private static final double RELEASE_TIMEOUT_S = 120;

  private final BiFunction<String, Map<String, String>, JsonNode> api;
  private final BenchTicker time;
  private final Consumer<String> onInstance;

  /** {@code onInstance} hears each instance id as soon as it exists (for cleanup on Ctrl-C). */
  public GuestWriteBench(BiFunction<String, Map<String, String>, JsonNode> api, BenchTicker time,
      Consumer<String> onInstance) {
    this.api = api;
    this.time = time;
    this.onInstance = onInstance;
  }

  public GuestWrites run(String freshDisk, String historyDisk, String imageId, String type, int mib, int rounds,
      boolean kvm, double timeoutS) throws InterruptedException {
    String userData = Base64.getEncoder().encodeToString(
        GuestProbe.userData(freshDisk, historyDisk, mib, rounds).getBytes(StandardCharsets.UTF_8));
    String id = api.apply("CreateInstance", Map.of("ImageId", imageId, "InstanceType", type,
        "InstanceName", "bench-snapshot", "HostName", "bench", "UserData", userData)).path("InstanceId").asText();
    onInstance.accept(id);
    try {
      attach(freshDisk, id);
      attach(historyDisk, id);
      int limit = disk(freshDisk).path("Throughput").asInt();
      api.apply("StartInstance", Map.of("InstanceId", id));
      String console = waitDone(id, timeoutS);
      GuestProbe.Rates r = GuestProbe.rates(console);
      if (r.fresh().size() != rounds || r.history().size() != rounds) {
        throw new IllegalStateException("the guest printed " + r.fresh().size() + " + " + r.history().size()
            + " ECSBOX-IO write lines, not " + rounds + " + " + rounds + "; console ends:\n" + tail(console));
      }
      return new GuestWrites(kvm ? "kvm" : "tcg", mib, rounds, limit, r.fresh(), r.history());
    } finally {
      release(id);
    }
  }

  private void attach(String disk, String instanceId) throws InterruptedException {
    api.apply("AttachDisk", Map.of("DiskId", disk, "InstanceId", instanceId));
    long deadline = time.nanos() + 60_000_000_000L;
    while (!"In_use".equals(disk(disk).path("Status").asText())) {
      if (time.nanos() - deadline > 0) {
        throw new WaitTimeoutException("disk " + disk + " not In_use 60 s after AttachDisk");
      }
      time.pause(DISK_POLL_MS);
    }
  }

  private JsonNode disk(String id) {
    List<JsonNode> d = Json.list(api.apply("DescribeDisks", Map.of("DiskIds", Json.array(List.of(id)))),
        "Disks", "Disk");
    if (d.isEmpty()) {
      throw new IllegalStateException("disk " + id + " is gone");
    }
    return d.get(0);
  }

  private String waitDone(String id, double timeoutS) throws InterruptedException {
    long t0 = time.nanos();
    String console = "";
    while (time.millisSince(t0) < timeoutS * 1000) {
      console = Json.decodeBase64(api.apply("GetInstanceConsoleOutput", Map.of("InstanceId", id))
          .path("ConsoleOutput").asText());
      String error = GuestProbe.error(console);
      if (error != null) {
        throw new IllegalStateException("the guest's user data failed: " + error
            + ("no-ecsbox-io".equals(error) ? " (the image has no /sbin/ecsbox-io: rebuild it with images/build-tiny.sh)"
                : "") + "; console ends:\n" + tail(console));
      }
      if (GuestProbe.done(console)) {
        return console;
      }
      time.pause(BenchClock.POLL_MS);
    }
    throw new WaitTimeoutException("no '" + GuestProbe.DONE + "' on the console of " + id + " within "
        + (long) timeoutS + " s; console ends:\n" + tail(console));
  }

  private void release(String id) throws InterruptedException {
    try {
      api.apply("DeleteInstance", Map.of("InstanceId", id, "Force", "true"));
    } catch (RuntimeException e) {
      return; // gone already, or the daemon is down: the private daemon's cleanup removes the domain
    }
    long t0 = time.nanos();
    while (time.millisSince(t0) < RELEASE_TIMEOUT_S * 1000) {
      if (api.apply("DescribeInstances", Map.of("InstanceIds", Json.array(List.of(id)))).path("TotalCount")
          .asInt() == 0) {
        return;
      }
      time.pause(BenchClock.POLL_MS);
    }
  }

  static String tail(String console) {
    List<String> lines = console.replace("\r", "").lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
