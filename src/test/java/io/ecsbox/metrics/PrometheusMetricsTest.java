package io.ecsbox.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The adapter's series as the text format shows them. Its HTTP server is tested by MetricsIT: a
 * JDK HttpServer started here first would fix the JDK's header limit before ApiServer sets it.
 */
class PrometheusMetricsTest {
  @Test
  void eventsBecomeTheNamedSeries() {
    PrometheusMetrics m = new PrometheusMetrics();
    m.apiRequest("RunInstances", 200, null, 2_000_000);
    m.apiRequest("RunInstances", 200, null, 3_000_000);
    m.apiRequest("DeleteInstance", 403, "IncorrectInstanceStatus", 1_000_000);
    m.hostOperation("start", true, 1_500_000_000L);
    m.hostOperation("stop", false, 10);
    m.securityGroupApply(true, 50_000_000);
    m.imageImport("import", true, 3_000_000_000L);
    m.schedulerDecision("admitted");
    m.gauge("ecsbox_instances", "Instances by status", "status", () -> Map.of("Running", 2, "Stopped", 0));
    m.gauge("ecsbox_worker_queue_depth", "queue", () -> 3);
    String text = m.scrape();
    for (String line : new String[] {
        "ecsbox_api_requests_total{action=\"RunInstances\",code=\"200\"} 2.0",
        "ecsbox_api_requests_total{action=\"DeleteInstance\",code=\"403\"} 1.0",
        "ecsbox_api_errors_total{action=\"DeleteInstance\",error=\"IncorrectInstanceStatus\"} 1.0",
        "ecsbox_api_request_duration_seconds_bucket{action=\"RunInstances\",code=\"200\",le=\"0.0025\"} 1",
        "ecsbox_api_request_duration_seconds_count{action=\"RunInstances\",code=\"200\"} 2",
        "ecsbox_host_operations_total{operation=\"start\",result=\"ok\"} 1.0",
        "ecsbox_host_operations_total{operation=\"stop\",result=\"failed\"} 1.0",
        "ecsbox_host_operation_duration_seconds_bucket{operation=\"start\",le=\"2.5\"} 1",
        "ecsbox_security_group_apply_duration_seconds_count{result=\"ok\"} 1",
        "ecsbox_image_imports_total{kind=\"import\",result=\"ok\"} 1.0",
        "ecsbox_scheduler_decisions_total{result=\"admitted\"} 1.0",
        "ecsbox_instances{status=\"Running\"} 2.0",
        "ecsbox_instances{status=\"Stopped\"} 0.0",
        "ecsbox_worker_queue_depth 3.0"}) {
      assertTrue(text.lines().anyMatch(line::equals), "missing: " + line + "\n" + text);
    }
    assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), text);
    assertTrue(text.contains("jvm_threads_current"), text);
  }

  @Test
  void everySeriesTheGrafanaDashboardQueriesIsServed() throws Exception {
    PrometheusMetrics m = new PrometheusMetrics();
    m.gauge("ecsbox_instances", "Instances by status", "status", () -> Map.of("Running", 1));
    m.gauge("ecsbox_worker_queue_depth", "queue", () -> 0);
    m.gauge("ecsbox_workers_busy", "busy", () -> 0);
    m.apiRequest("DescribeRegions", 400, "InvalidParameter", 1);
    m.hostOperation("start", true, 1);
    m.securityGroupApply(true, 1);
    m.imageImport("import", false, 1);
    m.schedulerDecision("admitted");
    String text = m.scrape();
    String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("contrib/grafana/ecsbox.json"));
    java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b(?:ecsbox|jvm|process)_[a-z_]+")
        .matcher(dashboard);
    int checked = 0;
    while (names.find()) {
      String name = names.group();
      // the HELP line names a histogram's or counter's family, without _bucket or _total
      String family = name.replaceFirst("_(bucket|total)$", "");
      assertTrue(text.contains("# HELP " + family + " ") || text.contains("# HELP " + name + " "),
          "the dashboard queries " + name + ", which /metrics does not serve");
      checked++;
    }
    assertTrue(checked >= 12, "the dashboard queries " + checked + " series");
  }
}
