package io.ecsbox.common;

/**
 * What the daemon counts and times, as events: the services and the API report here and know
 * nothing of the exporter. The composition root passes the Prometheus adapter; unit tests and
 * tools pass {@link #NONE}. Every method is cheap, thread-safe and never throws.
 */
public interface Metrics {
  /** Counts nothing. */
  Metrics NONE = new Metrics() {};

  /**
   * One API call answered.
   *
   * @param action    the Action as served, or a fixed stand-in for one not served (never user text)
   * @param status    the HTTP status sent
   * @param errorCode the ECS error code, or null on success
   */
  default void apiRequest(String action, int status, String errorCode, long nanos) {}

  /** One call into a host (start, stop, snapshot, attach ...), finished or failed. */
  default void hostOperation(String operation, boolean ok, long nanos) {}

  /** One write of the security groups into a host's filter. */
  default void securityGroupApply(boolean ok, long nanos) {}

  /**
   * One image made (an import from a file or URL, or a capture), from start to its end.
   *
   * @param kind "import" or "capture"
   */
  default void imageImport(String kind, boolean ok, long nanos) {}

  /**
   * One admission decision of the scheduler.
   *
   * @param result "admitted", or what ran out ("cpu_memory", "host_limit", "memory_available")
   */
  default void schedulerDecision(String result) {}
}
