package io.ecsbox.metrics;

import io.ecsbox.common.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * {@link Metrics} on the Prometheus Java client: the daemon's counters and histograms in one
 * registry of its own (no global state), plus the JVM's memory and threads and the process's
 * RSS and CPU. {@link #serve} exposes them at {@code /metrics} in the text format.
 */
public final class PrometheusMetrics implements Metrics {
  private static final double SECOND = 1e9;
  private static final double[] API_BOUNDS = {.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
  private static final double[] HOST_BOUNDS = {.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300};
  private static final double[] IMAGE_BOUNDS = {1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter apiRequests = Counter.builder().name("ecsbox_api_requests_total")
      .help("ECS API calls answered, by Action and HTTP status").labelNames("action", "code").register(registry);
  private final Counter apiErrors = Counter.builder().name("ecsbox_api_errors_total")
      .help("ECS API calls answered with an error, by Action and ECS error code").labelNames("action", "error")
      .register(registry);
  private final Histogram apiSeconds = histogram("ecsbox_api_request_duration_seconds",
      "Time from request to answer, by Action and HTTP status", API_BOUNDS, "action", "code");
  private final Counter hostOps = Counter.builder().name("ecsbox_host_operations_total")
      .help("Calls that change a host (start, stop, snapshot, attach ...), by operation and result")
      .labelNames("operation", "result").register(registry);
  private final Histogram hostSeconds = histogram("ecsbox_host_operation_duration_seconds",
      "Duration of the calls that change a host, by operation", HOST_BOUNDS, "operation");
  private final Histogram sgSeconds = histogram("ecsbox_security_group_apply_duration_seconds",
      "Duration of writing the security groups into the host's filter, by result", HOST_BOUNDS, "result");
  private final Counter imageImports = Counter.builder().name("ecsbox_image_imports_total")
      .help("Custom images made, by kind (import, capture) and result").labelNames("kind", "result")
      .register(registry);
  private final Histogram imageSeconds = histogram("ecsbox_image_import_duration_seconds",
      "Duration of making a custom image, by kind", IMAGE_BOUNDS, "kind");
  private final Counter decisions = Counter.builder().name("ecsbox_scheduler_decisions_total")
      .help("Admission decisions of the scheduler: admitted, or what ran out").labelNames("result")
      .register(registry);

  public PrometheusMetrics() {
    JvmMemoryMetrics.builder().register(registry);
    JvmThreadsMetrics.builder().register(registry);
    ProcessMetrics.builder().register(registry);
  }

  private Histogram histogram(String name, String help, double[] bounds, String... labels) {
    return Histogram.builder().name(name).help(help).unit(Unit.SECONDS).classicOnly().classicUpperBounds(bounds)
        .labelNames(labels).register(registry);
  }

  @Override
  public void apiRequest(String action, int status, String errorCode, long nanos) {
    String code = Integer.toString(status);
    apiRequests.labelValues(action, code).inc();
    apiSeconds.labelValues(action, code).observe(nanos / SECOND);
    if (errorCode != null) {
      apiErrors.labelValues(action, errorCode).inc();
    }
  }

  @Override
  public void hostOperation(String operation, boolean ok, long nanos) {
    hostOps.labelValues(operation, result(ok)).inc();
    hostSeconds.labelValues(operation).observe(nanos / SECOND);
  }

  @Override
  public void securityGroupApply(boolean ok, long nanos) {
    sgSeconds.labelValues(result(ok)).observe(nanos / SECOND);
  }

  @Override
  public void imageImport(String kind, boolean ok, long nanos) {
    imageImports.labelValues(kind, result(ok)).inc();
    imageSeconds.labelValues(kind).observe(nanos / SECOND);
  }

  @Override
  public void schedulerDecision(String result) {
    decisions.labelValues(result).inc();
  }

  private static String result(boolean ok) {
    return ok ? "ok" : "failed";
  }

  /** A gauge read at each scrape: one series per key of what {@code values} returns, the key as {@code label}. */
  public void gauge(String name, String help, String label, Supplier<Map<String, ? extends Number>> values) {
    GaugeWithCallback.builder().name(name).help(help).labelNames(label)
        .callback(cb -> values.get().forEach((k, v) -> cb.call(v.doubleValue(), k))).register(registry);
  }

  /** A gauge without labels, read at each scrape. */
  public void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
  }

  /** Everything, in the Prometheus text format, as a scrape would get it. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Serves {@code /metrics} on {@code host:port} (0: any free port) from one thread of its own; close to stop. */
  public HTTPServer serve(String host, int port) throws IOException {
    ExecutorService one = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrics");
      t.setDaemon(true);
      return t;
    });
    try {
      return HTTPServer.builder().hostname(host).port(port).registry(registry).executorService(one).buildAndStart();
    } catch (IOException | RuntimeException e) {
      one.shutdownNow();
      throw e;
    }
  }
}
