package io.ecsbox.network;

import io.ecsbox.common.Condition;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;

/** What the VPC and vSwitch actions refuse (the CIDR and address rules: {@link AddressError}). */
public enum VpcError implements Condition {
  VPC_NOT_FOUND,
  VSWITCH_NOT_FOUND,
  /** The VPC has the most vSwitches one VPC may have. */
  VSWITCH_QUOTA_EXCEEDED,
  /** The default VPC has no free /20 left for a zone's default vSwitch. */
  DEFAULT_VPC_FULL,
  VPC_NAME_MALFORMED,
  VSWITCH_NAME_MALFORMED;

  public static ServiceException vpcNotFound(String id) {
    return new ServiceException(VPC_NOT_FOUND, "The specified VpcId " + id + " does not exist.");
  }

  public static ServiceException vSwitchNotFound(String id) {
    return new ServiceException(VSWITCH_NOT_FOUND, "The specified VSwitchId " + id + " does not exist.");
  }

  public static ServiceException zoneNotFound(String zone) {
    return new ServiceException(Generic.ZONE_NOT_FOUND, "The specified ZoneId " + zone + " does not exist.");
  }

  /** Deleting a VPC that still has vSwitches, or a vSwitch that still has NICs. */
  public static ServiceException dependencyViolation(String id, String what) {
    return new ServiceException(Generic.DEPENDENCY_VIOLATION,
        "Specified object " + id + " has dependent resources: " + what + ". Delete them first.");
  }

  public static ServiceException vSwitchQuota(String vpcId, int max) {
    return new ServiceException(VSWITCH_QUOTA_EXCEEDED,
        "The VPC " + vpcId + " already has " + max + " vSwitches, the most one VPC may have"
            + " (ECSBOX_VSWITCHES_PER_VPC).");
  }

  public static ServiceException defaultVpcFull(String vpcId, String zoneId) {
    return new ServiceException(DEFAULT_VPC_FULL, "The default VPC " + vpcId + " has no room left for"
        + " a default vSwitch in zone " + zoneId + ".");
  }

  /** {@code which} is {@link #VPC_NAME_MALFORMED} or {@link #VSWITCH_NAME_MALFORMED}; {@code param} names it. */
  public static ServiceException nameMalformed(VpcError which, String param) {
    return new ServiceException(which, "The " + param + " must be 2-128 characters, start with a letter, and"
        + " contain only letters, digits, ':', '_', '.', '-' and spaces.");
  }

  /** A ClientToken whose first call is still running. */
  public static ServiceException tokenInUse() {
    return new ServiceException(Generic.OPERATION_CONFLICT, "A request with this ClientToken is still running.");
  }

  /** A ClientToken repeated with other parameters. */
  public static ServiceException idempotentMismatch() {
    return new ServiceException(Generic.IDEMPOTENT_MISMATCH,
        "The specified parameters are different from before with the same ClientToken.");
  }

  public static ServiceException hostFailed(String what, RuntimeException cause) {
    return ServiceException.internal(what + " failed on the host, nothing was changed: " + cause.getMessage(), cause);
  }
}
