package io.ecsbox.network.eip;

import io.ecsbox.common.Condition;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;

/** What the EIP actions refuse. */
public enum EipError implements Condition {
  NOT_FOUND,
  /** The EIP is not in the status the call needs. */
  INCORRECT_STATUS,
  /** The target already has a public address. */
  TARGET_HAS_PUBLIC_IP,
  /** An InstanceType other than EcsInstance or NetworkInterface. */
  INSTANCE_TYPE_NOT_SUPPORTED,
  NOT_ASSOCIATED_WITH,
  /** EIPs are off: the operator has not set the public range. */
  NOT_CONFIGURED,
  /** No free address is left in the public range. */
  RANGE_FULL,
  /** The target's NIC has no private address to map to. */
  NO_PRIVATE_IP,
  /** Bandwidth outside 1-200 Mbit/s, given as Bandwidth (the EIP actions). */
  BANDWIDTH_OUT_OF_RANGE,
  /** Bandwidth outside 1-200 Mbit/s, given as InternetMaxBandwidthOut (a launch's public IP). */
  MAX_BANDWIDTH_OUT_OF_RANGE,
  NAME_MALFORMED;

  public static ServiceException notFound(String allocationId) {
    return new ServiceException(NOT_FOUND, "The specified AllocationId " + allocationId + " does not exist.");
  }

  public static ServiceException incorrectStatus(String allocationId, String status) {
    return new ServiceException(INCORRECT_STATUS,
        "The current status of the EIP does not support this operation. (" + allocationId + " is " + status + ")");
  }

  public static ServiceException duplicated(String target, String ip) {
    return new ServiceException(TARGET_HAS_PUBLIC_IP,
        "The specified instance " + target + " already has a public IP address (" + ip + ").");
  }

  public static ServiceException instanceTypeNotSupported(String type) {
    return new ServiceException(INSTANCE_TYPE_NOT_SUPPORTED,
        "The specified InstanceType " + type + " is not supported; ecsbox associates EIPs with EcsInstance"
            + " or NetworkInterface.");
  }

  public static ServiceException notAssociatedWith(String allocationId, String instanceId) {
    return new ServiceException(NOT_ASSOCIATED_WITH,
        "The EIP " + allocationId + " is not associated with " + instanceId + ".");
  }

  public static ServiceException disabled() {
    return new ServiceException(NOT_CONFIGURED,
        "Public IP addresses are not enabled on this ecsbox: the operator must set " + EipConfig.CIDR_VAR
            + " (the public range) and " + EipConfig.UPLINK_VAR + " (the host bridge it lives on) and restart"
            + " the daemon.");
  }

  public static ServiceException rangeFull(EipConfig c) {
    return new ServiceException(RANGE_FULL,
        "No free public address is left in " + c.range() + " (" + EipConfig.CIDR_VAR + ").");
  }

  public static ServiceException noPrivateIp(String target) {
    return new ServiceException(NO_PRIVATE_IP,
        "The network interface of " + target + " has no private IP address to map to.");
  }

  /** {@code which}: {@link #BANDWIDTH_OUT_OF_RANGE} or {@link #MAX_BANDWIDTH_OUT_OF_RANGE}, named {@code param}. */
  public static ServiceException bandwidth(EipError which, String param, int min, int max, int mbps) {
    return new ServiceException(which, "The specified parameter \"" + param
        + "\" must be between " + min + " and " + max + " (Mbit/s), got " + mbps + ".");
  }

  public static ServiceException nameMalformed() {
    return new ServiceException(NAME_MALFORMED, "The Name must be 2-128 characters, start with a"
        + " letter, and contain only letters, digits, ':', '_', '.', '-' and spaces.");
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
