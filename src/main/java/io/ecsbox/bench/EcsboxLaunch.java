package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.common.GuestReady;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Launches N instances through the ecsbox API and times them until READY, then releases them. */
public final class EcsboxLaunch {
  private final BiFunction<String, Map<String, String>, JsonNode> api;
  private final java.nio.file.Path dataDir;

  /** {@code dataDir} is the daemon's: a release is done when the instances' files are gone. */
  public EcsboxLaunch(BiFunction<String, Map<String, String>, JsonNode> api, java.nio.file.Path dataDir) {
    this.api = api;
    this.dataDir = dataDir;
  }

  public LaunchResult run(int count, String imageId, String type, double timeoutS) throws InterruptedException {
    return run(count, imageId, type, timeoutS, () -> { });
  }

  /** Like {@link #run(int, String, String, double)}; runs {@code whileUp} once they are ready, before the release. */
  public LaunchResult run(int count, String imageId, String type, double timeoutS, Runnable whileUp)
      throws InterruptedException {
    long t0 = System.nanoTime();
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    boolean released = false;
    // Ctrl-C must not leave N guests running.
    Thread cleanup = new Thread(() -> release(List.copyOf(ids)), "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      for (int left = count; left > 0; left -= 100) {
        JsonNode r = api.apply("RunInstances", Map.of("ImageId", imageId, "InstanceType", type,
            "Amount", String.valueOf(Math.min(100, left)), "InstanceName", "bench", "HostName", "bench"));
        r.path("InstanceIdSets").path("InstanceIdSet").forEach(n -> ids.add(n.asText()));
      }
      Map<String, Double> running = new LinkedHashMap<>();
      Map<String, Double> ready = new LinkedHashMap<>();
      Map<String, String> failed = new LinkedHashMap<>();
      while (ready.size() + failed.size() < count && seconds(t0) < timeoutS) {
        for (String id : runningNow(ids, failed)) {
          running.putIfAbsent(id, seconds(t0));
        }
        for (String id : running.keySet()) {
          if (!ready.containsKey(id) && GuestReady.isReady(console(id), id)) {
            ready.put(id, seconds(t0));
          }
        }
        Thread.sleep(BenchClock.POLL_MS);
      }
      double allRunning = running.size() == count ? running.values().stream().mapToDouble(d -> d).max().orElse(0)
          : Double.NaN;
      double allReady = ready.size() == count ? ready.values().stream().mapToDouble(d -> d).max().orElse(0)
          : Double.NaN;
      whileUp.run();
      long t1 = System.nanoTime();
      release(ids);
      released = true;
      waitGone(ids, timeoutS);
      return new LaunchResult("ecsbox", count, allRunning, allReady, ready, seconds(t1), failed);
    } finally {
      if (!released) { // nothing left behind when a step above failed
        release(List.copyOf(ids));
      }
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  /** The ids Running now; adds the ones the host stopped (a failed start) to {@code failed}. */
  private Set<String> runningNow(List<String> ids, Map<String, String> failed) {
    Set<String> out = new HashSet<>();
    for (List<String> batch : batches(ids)) {
      Map<String, String> p = new LinkedHashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        p.put("InstanceId." + (i + 1), batch.get(i));
      }
      for (int page = 1; ; page++) {
        p.put("PageSize", "50");
        p.put("PageNumber", String.valueOf(page));
        JsonNode r = api.apply("DescribeInstanceStatus", p);
        JsonNode items = r.path("InstanceStatuses").path("InstanceStatus");
        items.forEach(s -> {
          String id = s.path("InstanceId").asText();
          JsonNode reason = s.path("EcsboxStatusReason");
          if ("Running".equals(s.path("Status").asText())) {
            out.add(id);
          } else if ("Stopped".equals(s.path("Status").asText()) && reason.has("Code")) {
            failed.putIfAbsent(id, reason.path("Code").asText() + ": " + reason.path("Message").asText());
          }
        });
        if (page * 50 >= r.path("TotalCount").asInt()) {
          break;
        }
      }
    }
    return out;
  }

  private String console(String id) {
    String b64 = api.apply("GetInstanceConsoleOutput", Map.of("InstanceId", id)).path("ConsoleOutput").asText();
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  private void release(List<String> ids) {
    for (List<String> batch : batches(ids)) {
      for (String id : batch) {
        try {
          api.apply("DeleteInstance", Map.of("InstanceId", id, "Force", "true"));
        } catch (RuntimeException e) {
          // already gone or being deleted
        }
      }
    }
  }

  private void waitGone(List<String> ids, double timeoutS) throws InterruptedException {
    long t0 = System.nanoTime();
    while (seconds(t0) < timeoutS) {
      int left = 0;
      for (List<String> batch : batches(ids)) {
        String json = "[\"" + String.join("\",\"", batch) + "\"]";
        left += api.apply("DescribeInstances", Map.of("InstanceIds", json, "PageSize", "100"))
            .path("TotalCount").asInt();
      }
      if (left == 0 && ids.stream().noneMatch(id -> java.nio.file.Files.exists(dataDir.resolve("instances").resolve(id)))) {
        return;
      }
      Thread.sleep(BenchClock.POLL_MS);
    }
  }

  private static List<List<String>> batches(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 100) {
      out.add(ids.subList(i, Math.min(ids.size(), i + 100)));
    }
    return out;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
