package io.ecsbox.network.secgroup;

import io.ecsbox.common.EcsException;
import io.ecsbox.agent.firewall.SgRule.Direction;

/**
 * The ECS error codes security-group validation answers with, in one place. Codes marked
 * "unverified" are our best reading of ECS and may change once checked against the real API.
 */
public final class SgErrors {
  private SgErrors() {}

  public static EcsException protocol(String v) {
    return EcsException.badRequest("InvalidIpProtocol.Malformed", "The specified IpProtocol \"" + v + "\" is not valid.");
  }

  public static EcsException portRange(String v) {
    return EcsException.badRequest("InvalidPortRange.Malformed", "The specified parameter PortRange \"" + v + "\" is not valid.");
  }

  public static EcsException priority(String v) {
    return EcsException.badRequest("InvalidPriority.Malformed", "The specified Priority \"" + v + "\" is not valid (1-100).");
  }

  public static EcsException policy(String v) {
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

  // ---- the security-group actions (AuthorizeSecurityGroup, JoinSecurityGroup, ... error tables);
  // codes marked "unverified" are our best reading of ECS


  public static EcsException groupNotFound(String id) {
    return groupNotFound("InvalidSecurityGroupId.NotFound", id);
  }

  public static EcsException peerNotFound(Direction d, String id) {
    return groupNotFound(d == Direction.INGRESS ? "InvalidSourceGroupId.NotFound"
        : "InvalidDestGroupId.NotFound", id);
  }

  public static EcsException peerOtherVpc(Direction d, String id) {
    return EcsException.badRequest(d == Direction.INGRESS ? "InvalidSourceGroupId.Mismatch"
        : "InvalidDestGroupId.Mismatch", "Specified security group and " + (d == Direction.INGRESS ? "source"
        : "destination") + " group " + id + " are not in the same VPC.");
  }

  public static EcsException peerIsEnterprise(String id) {
    return EcsException.badRequest("InvalidGroupAuthParameter.OperationDenied",
        "The security group can not authorize to enterprise level security group " + id + ".");
  }

  public static EcsException notSupported(String param, String why) {
    return EcsException.badRequest("InvalidParameter.NotSupported",
        "The parameter \"" + param + "\" is not supported by ecsbox: " + why);
  }

  public static EcsException ruleNotFound(String id) {
    return EcsException.notFound("InvalidSecurityGroupRuleId.NotFound",
        "The specified SecurityGroupRuleId " + id + " does not exist.");
  }

  public static EcsException dependencyViolation(String id, String what) {
    return EcsException.forbidden("DependencyViolation",
        "There is still resource associated with the security group " + id + ": " + what + ".");
  }

  /** ModifySecurityGroupPolicy on an enterprise group (unverified code: the enterprise-attribute one). */
  public static EcsException enterpriseInnerAccept(String id) {
    return EcsException.badRequest("InvalidGroupParameter.OperationDenied",
        "The security group " + id + " is an enterprise security group, whose InnerAccessPolicy is always Drop.");
  }

  public static EcsException groupOtherVpc(String id, String vpcId) {
    return EcsException.badRequest("InvalidSecurityGroupId.VPCMismatch",
        "The specified security group " + id + " and the network interface are not in the same VPC " + vpcId + ".");
  }

  public static EcsException instanceOtherVpc(String groupId) {
    return EcsException.badRequest("InvalidInstanceId.Mismatch",
        "Specified instance and security group " + groupId + " are not in the same VPC.");
  }

  public static EcsException alreadyMember(String groupId) {
    return EcsException.forbidden("InvalidInstanceId.AlreadyExists",
        "The specified instance already exists in the specified security group " + groupId + ".");
  }

  public static EcsException notMember(String groupId) {
    return EcsException.badRequest("InvalidSecurityGroupAssociation.NotFound",
        "The instance or network interface is not in the security group " + groupId + ".");
  }

  public static EcsException lastGroup(String groupId) {
    return EcsException.forbidden("InstanceLastSecurityGroup",
        "The specified security group " + groupId + " is the last security group for the instance.");
  }

  public static EcsException idAndEniConflict() {
    return EcsException.forbidden("InvalidParam.EniIdAndInstanceId.Conflict",
        "InstanceId and NetworkInterfaceId cannot be specified at the same time.");
  }

  public static EcsException instanceNotFound(String id) {
    return EcsException.notFound("InvalidInstanceId.NotFound", "The specified InstanceId " + id + " does not exist.");
  }

  public static EcsException eniNotFound(String id) {
    return EcsException.notFound("InvalidEniId.NotFound", "The specified network interface " + id + " does not exist.");
  }
}
