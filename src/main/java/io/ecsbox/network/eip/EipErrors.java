package io.ecsbox.network.eip;

import io.ecsbox.common.EcsException;

/** The ECS/VPC error codes of the EIP actions. */
public final class EipErrors {
  private EipErrors() {}

  public static EcsException notFound(String allocationId) {
    return EcsException.notFound("InvalidAllocationId.NotFound",
        "The specified AllocationId " + allocationId + " does not exist.");
  }

  public static EcsException incorrectStatus(String allocationId, String status) {
    return EcsException.forbidden("IncorrectEipStatus",
        "The current status of the EIP does not support this operation. (" + allocationId + " is " + status + ")");
  }

  public static EcsException duplicated(String target, String ip) {
    return EcsException.badRequest("InvalidAssociation.Duplicated",
        "The specified instance " + target + " already has a public IP address (" + ip + ").");
  }

  public static EcsException instanceTypeNotSupported(String type) {
    return EcsException.badRequest("InvalidInstanceType.ValueNotSupported",
        "The specified InstanceType " + type + " is not supported; ecsbox associates EIPs with EcsInstance"
            + " or NetworkInterface.");
  }

  public static EcsException notAssociatedWith(String allocationId, String instanceId) {
    return EcsException.badRequest("InvalidInstanceId.NotAssociated",
        "The EIP " + allocationId + " is not associated with " + instanceId + ".");
  }

  /** EIPs are off: the operator has not set the public range. */
  public static EcsException disabled() {
    return EcsException.forbidden("Forbidden.EipNotConfigured",
        "Public IP addresses are not enabled on this ecsbox: the operator must set " + EipConfig.CIDR_VAR
            + " (the public range) and " + EipConfig.UPLINK_VAR + " (the host bridge it lives on) and restart"
            + " the daemon.");
  }

  public static EcsException rangeFull(EipConfig c) {
    return EcsException.forbidden("QuotaExceeded.Eip",
        "No free public address is left in " + c.range() + " (" + EipConfig.CIDR_VAR + ").");
  }

  public static EcsException noPrivateIp(String target) {
    return EcsException.forbidden("IncorrectInstanceStatus",
        "The network interface of " + target + " has no private IP address to map to.");
  }

  public static EcsException hostFailed(String what, RuntimeException cause) {
    return EcsException.internal(what + " failed on the host, nothing was changed: " + cause.getMessage(), cause);
  }
}
