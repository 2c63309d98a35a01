package io.ecsbox.network.secgroup;

import io.ecsbox.common.EcsException;

/**
 * The ECS error codes security-group validation answers with, in one place. Codes marked
 * "unverified" are our best reading of ECS and may change once checked against the real API.
 */
public final class SgErrors {
  private SgErrors() {}

  static EcsException protocol(String v) {
    return EcsException.badRequest("InvalidIpProtocol.Malformed", "The specified IpProtocol \"" + v + "\" is not valid.");
  }

  static EcsException portRange(String v) {
    return EcsException.badRequest("InvalidPortRange.Malformed", "The specified parameter PortRange \"" + v + "\" is not valid.");
  }

  static EcsException priority(String v) {
    return EcsException.badRequest("InvalidPriority.Malformed", "The specified Priority \"" + v + "\" is not valid (1-100).");
  }

  static EcsException policy(String v) {
    return EcsException.badRequest("InvalidPolicy.Malformed", "The specified Policy \"" + v + "\" is not valid.");
  }

  /** Enterprise groups take accept rules only, without group references (AuthorizeSecurityGroup's code). */
  public static EcsException enterpriseDrop(String groupId) {
    return EcsException.badRequest("InvalidGroupParameter.OperationDenied",
        "The security group " + groupId + " is an enterprise security group: the attributes Policy, SourceGroupId"
            + " and DestGroupId of its rules cannot be set (accept rules from CIDR blocks only).");
  }

  public static EcsException groupNotFound(String code, String id) {
    return EcsException.notFound(code, "The specified security group " + id + " does not exist.");
  }

  public static EcsException tooManyGroups(String nicId) {
    return EcsException.badRequest("InstanceSecurityGroupLimitExceeded",
        "Exceeding the allowed amount of security groups that an instance can be in. (" + nicId + ")");
  }

  /** Unverified code: normal and enterprise groups cannot be mixed on one NIC. */
  public static EcsException mixedTypes(String nicId) {
    return EcsException.badRequest("InvalidSecurityGroup.TypeMismatch",
        "An instance or network interface cannot be in normal and enterprise security groups at once. (" + nicId + ")");
  }

  public static EcsException tooManyRules(String groupId) {
    return EcsException.badRequest("AuthorizationLimitExceed",
        "The limit of authorization records in the security group " + groupId + " reaches the upper limit.");
  }
}
