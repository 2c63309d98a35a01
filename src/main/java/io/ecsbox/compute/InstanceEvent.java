package io.ecsbox.compute;

import java.time.Instant;

/**
 * A system event of an instance: something the host did to it or found happened to it, not
 * something its user asked for (ECS's DescribeInstanceHistoryEvents). Every event ecsbox
 * records has already happened, so its cycle status is {@code Executed}.
 */
public record InstanceEvent(String id, String instanceId, String accountId, String type, String cycleStatus,
    String reason, Instant published, Instant finished) {
  /** The instance stopped because of a failure of the host or of its QEMU, not of the guest. */
  public static final String SYSTEM_FAILURE_STOP = "SystemFailure.Stop";
  public static final String EXECUTED = "Executed";
}
