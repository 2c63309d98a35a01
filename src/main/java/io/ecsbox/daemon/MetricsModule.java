package io.ecsbox.daemon;

import io.ecsbox.common.Metrics;
import io.ecsbox.compute.Instance;
import io.ecsbox.compute.InstanceStatus;
import io.ecsbox.compute.InstanceStore;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.metrics.PrometheusMetrics;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics when ECSBOX_METRICS_LISTEN is set: the adapter every module reports to,
 * the gauges read at each scrape, and the {@code /metrics} server. When it is unset the modules
 * report to {@link Metrics#NONE} and nothing listens.
 */
final class MetricsModule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsModule.class);
  final Metrics metrics;
  private final Optional<DaemonConfig.Listen> listen;
  private final PrometheusMetrics prometheus;
  private HTTPServer server;

  MetricsModule(DaemonConfig config) {
    listen = config.metricsListen();
    prometheus = listen.isPresent() ? new PrometheusMetrics() : null;
    metrics = prometheus == null ? Metrics.NONE : prometheus;
  }

  /** Adds the gauges read from the daemon's state: instances by status, the worker pool's queue. */
  void watch(InstanceStore instances, ThreadPoolExecutor workers) {
    if (prometheus == null) {
      return;
    }
    prometheus.gauge("ecsbox_instances", "Instances by status", "status", () -> byStatus(instances));
    prometheus.gauge("ecsbox_worker_queue_depth", "Host operations waiting for a worker",
        () -> workers.getQueue().size());
    prometheus.gauge("ecsbox_workers_busy", "Workers running a host operation now", workers::getActiveCount);
  }

  static Map<String, Long> byStatus(InstanceStore instances) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (InstanceStatus s : InstanceStatus.values()) {
      out.put(s.name(), 0L);
    }
    for (Instance i : instances.all()) {
      out.merge(i.status().name(), 1L, Long::sum);
    }
    return out;
  }

  /** Starts serving when configured; a taken address stops the daemon. */
  void start() throws IOException {
    if (listen.isEmpty()) {
      return;
    }
    server = prometheus.serve(listen.get().host(), listen.get().port());
    log.info("metrics on http://{}/metrics", new DaemonConfig.Listen(listen.get().host(), server.getPort()));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
