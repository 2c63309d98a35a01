package io.ecsbox.network;

import io.ecsbox.common.EcsException;

/** The error codes of the VPC and vSwitch actions themselves (CIDR rules: {@link NetworkErrors}). */
public final class VpcErrors {
  private VpcErrors() {}

  public static EcsException vpcNotFound(String id) {
    return EcsException.notFound("InvalidVpcId.NotFound", "The specified VpcId " + id + " does not exist.");
  }

  public static EcsException vSwitchNotFound(String id) {
    return EcsException.notFound("InvalidVSwitchId.NotFound", "The specified VSwitchId " + id + " does not exist.");
  }

  public static EcsException zoneNotFound(String zone) {
    return EcsException.notFound("InvalidZoneId.NotFound", "The specified ZoneId " + zone + " does not exist.");
  }

  /** Deleting a VPC that still has vSwitches, or a vSwitch that still has NICs. */
  public static EcsException dependencyViolation(String id, String what) {
    return EcsException.forbidden("DependencyViolation",
        "Specified object " + id + " has dependent resources: " + what + ". Delete them first.");
  }

  public static EcsException vSwitchQuota(String vpcId, int max) {
    return EcsException.forbidden("QuotaExceeded.VSwitch",
        "The VPC " + vpcId + " already has " + max + " vSwitches, the most one VPC may have"
            + " (ECSBOX_VSWITCHES_PER_VPC).");
  }

  public static EcsException nameMalformed(String code, String param) {
    return EcsException.badRequest(code, "The " + param + " must be 2-128 characters, start with a letter, and"
        + " contain only letters, digits, ':', '_', '.', '-' and spaces.");
  }

  public static EcsException hostFailed(String what, RuntimeException cause) {
    return EcsException.internal(what + " failed on the host, nothing was changed: " + cause.getMessage(), cause);
  }
}
