package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The daemon in its own JVM with ECSBOX_METRICS_LISTEN on a free loopback port: /metrics is
 * scraped before and after API calls (good, failing, badly signed) and one instance's launch,
 * stop and delete, and the counters must have moved by what was done; the daemon's output must
 * hold one access line per call with its fields, and never the secret, a signature or user data.
 */
class MetricsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOOT = Duration.ofSeconds(300);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void scrapesShowTheCallsAndTheInstanceAndTheAccessLogShowsEachCallWithoutSecrets() throws Exception {
    Path log = Path.of(System.getProperty("ecsbox.build.dir", "target")).toAbsolutePath()
        .resolve("metrics-it").resolve("daemon-" + EcsboxHarness.SESSION + ".log");
    int metricsPort;
    try (ServerSocket s = new ServerSocket(0)) {
      metricsPort = s.getLocalPort();
    }
    String metricsUrl = "http://127.0.0.1:" + metricsPort + "/metrics";
    try (DaemonProcess d = DaemonProcess.create("metrics", log)) {
      d.env("ECSBOX_METRICS_LISTEN", "127.0.0.1:" + metricsPort);
      boolean done = false;
      try {
        d.start();
        JsonNode cred = JSON.readTree(Files.readString(d.dataDir().resolve("admin.credentials")));
        String keyId = cred.get("AccessKeyId").asText();
        String secret = cred.get("AccessKeySecret").asText();
        String account = cred.get("AccountId").asText();
        RawApi api = new RawApi(d.endpoint(), keyId, secret);
        Map<String, Double> before = scrape(metricsUrl);

        RawApi.Response regions = send(api, "DescribeRegions");
        assertEquals(200, regions.status());
        RawApi.Response missing = send(api, "StopInstance", "InstanceId", "i-nosuchinstance");
        assertTrue(missing.status() >= 400 && missing.status() < 500, missing.body().toString());
        RawApi badKey = new RawApi(d.endpoint(), keyId, "not-the-secret");
        RawApi.Response forged = badKey.send(badKey.params("DescribeRegions"));
        assertEquals("SignatureDoesNotMatch", forged.code(), forged.body().toString());

        String userData = "metrics-it-user-data-" + EcsboxHarness.SESSION;
        RawApi.Response run = send(api, "RunInstances", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType",
            EcsboxHarness.NANO, "InstanceName", "metrics-it", "UserData",
            Base64.getEncoder().encodeToString(userData.getBytes()));
        assertEquals(200, run.status(), run.body().toString());
        String id = run.body().path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
        DaemonProcess.await(id + " Running", BOOT, () -> {
          JsonNode i = d.instances().get(id);
          assertFalse(i != null && "Stopped".equals(i.path("Status").asText()), "the host stopped " + id + ": " + i);
          return "Running".equals(status(d, id));
        });
        Map<String, Double> running = scrape(metricsUrl);
        assertEquals(1.0, running.get("ecsbox_instances{status=\"Running\"}"), "instances by status while running");

        assertEquals(200, send(api, "StopInstance", "InstanceId", id, "ForceStop", "true").status());
        DaemonProcess.await(id + " Stopped", BOOT, () -> "Stopped".equals(status(d, id)));
        Map<String, Double> stopped = scrape(metricsUrl);
        assertEquals(1.0, stopped.get("ecsbox_instances{status=\"Stopped\"}"), "instances by status once stopped");
        assertEquals(0.0, stopped.get("ecsbox_instances{status=\"Running\"}"));
        RawApi.Response deleted = send(api, "DeleteInstance", "InstanceId", id);
        assertEquals(200, deleted.status(), deleted.body().toString());
        DaemonProcess.await(id + " gone", BOOT, () -> "gone".equals(status(d, id)));
        Map<String, Double> after = scrape(metricsUrl);

        moved(before, after, "ecsbox_api_requests_total{action=\"DescribeRegions\",code=\"200\"}", 1);
        moved(before, after, "ecsbox_api_requests_total{action=\"DescribeRegions\",code=\"" + forged.status() + "\"}",
            1);
        moved(before, after, "ecsbox_api_requests_total{action=\"StopInstance\",code=\"" + missing.status() + "\"}", 1);
        moved(before, after, "ecsbox_api_errors_total{action=\"StopInstance\",error=\"" + missing.code() + "\"}", 1);
        moved(before, after, "ecsbox_api_requests_total{action=\"RunInstances\",code=\"200\"}", 1);
        moved(before, after, "ecsbox_api_requests_total{action=\"StopInstance\",code=\"200\"}", 1);
        moved(before, after, "ecsbox_api_request_duration_seconds_count{action=\"RunInstances\",code=\"200\"}", 1);
        atLeast(before, after, "ecsbox_host_operations_total{operation=\"start\",result=\"ok\"}", 1);
        atLeast(before, after, "ecsbox_host_operations_total{operation=\"stop\",result=\"ok\"}", 1);
        atLeast(before, after, "ecsbox_host_operations_total{operation=\"release\",result=\"ok\"}", 1);
        atLeast(before, after, "ecsbox_host_operation_duration_seconds_count{operation=\"start\"}", 1);
        atLeast(before, after, "ecsbox_scheduler_decisions_total{result=\"admitted\"}", 1);
        assertEquals(0.0, after.get("ecsbox_instances{status=\"Stopped\"}"), "the deleted instance is gone");
        assertTrue(after.getOrDefault("jvm_memory_used_bytes{area=\"heap\"}", 0.0) > 0, "JVM heap in use");
        assertTrue(after.getOrDefault("jvm_threads_current", 0.0) > 0, "JVM threads");
        assertTrue(after.containsKey("ecsbox_worker_queue_depth"), "the worker queue's depth");
        System.out.printf("MetricsIT: daemon with metrics on, after one launch: RSS %.0f MiB, heap used %.0f MiB,"
            + " %.0f threads; scrape of %d series%n", after.getOrDefault("process_resident_memory_bytes", 0.0) / (1 << 20),
            after.get("jvm_memory_used_bytes{area=\"heap\"}") / (1 << 20), after.get("jvm_threads_current"), after.size());

        String out = Files.readString(log);
        accessLine(out, regions, account, "DescribeRegions", 200, "-");
        accessLine(out, missing, account, "StopInstance", missing.status(), missing.code());
        accessLine(out, forged, "-", "DescribeRegions", forged.status(), "SignatureDoesNotMatch");
        accessLine(out, run, account, "RunInstances", 200, "-");
        for (String secretText : List.of(secret, userData, Base64.getEncoder().encodeToString(userData.getBytes()),
            "Signature=", "not-the-secret")) {
          assertFalse(out.contains(secretText), "the daemon's output shows " + secretText);
        }
        done = true;
      } finally {
        if (!done) {
          System.out.println("MetricsIT failed; daemon log " + log + ":\n" + d.tail(3000));
          d.stopAndReap();
        }
      }
    }
  }

  private static RawApi.Response send(RawApi api, String action, String... kv) throws Exception {
    Map<String, String> p = new TreeMap<>(api.params(action));
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return api.send(p);
  }

  private static String status(DaemonProcess d, String id) {
    JsonNode i = d.instances().get(id);
    return i == null ? "gone" : i.path("Status").asText();
  }

  /** Every sample of a scrape, by its series (name and labels as the text format writes them). */
  private Map<String, Double> scrape(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
        "Prometheus text format: " + r.headers().map());
    Map<String, Double> out = new TreeMap<>();
    for (String line : r.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int sp = line.lastIndexOf(' ');
        out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
      }
    }
    return out;
  }

  private static void moved(Map<String, Double> before, Map<String, Double> after, String series, double by) {
    assertEquals(by, after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0), series);
  }

  private static void atLeast(Map<String, Double> before, Map<String, Double> after, String series, double by) {
    double d = after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
    assertTrue(d >= by, series + " moved by " + d + ", expected at least " + by);
  }

  /** The call's access line: its request id, account, action, status and error code, and a duration. */
  private static void accessLine(String out, RawApi.Response r, String account, String action, int status,
      String error) {
    String requestId = r.body().path("RequestId").asText();
    Matcher m = Pattern.compile("^.*\\bINFO\\b.*\\baccess\\b.*request=" + Pattern.quote(requestId) + " account="
        + Pattern.quote(account) + " action=" + action + " status=" + status + " error=" + Pattern.quote(error)
        + " ms=\\d+$", Pattern.MULTILINE).matcher(out);
    assertTrue(m.find(), "no access line for " + action + " " + requestId + " in the daemon's output");
    assertFalse(m.find(), "two access lines for " + requestId);
  }
}
