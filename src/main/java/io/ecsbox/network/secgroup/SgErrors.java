package io.ecsbox.network.secgroup;

import io.ecsbox.common.EcsException;
import io.ecsbox.agent.firewall.SgRule.Direction;

/**
 * The ECS error codes security-group validation answers with, in one place. Codes marked
 * "unverified" are our best reading of ECS and may change once checked against the real API.
 */
public final class SgErrors {
  private SgErrors() {}

  // ---- the security-group actions (AuthorizeSecurityGroup, JoinSecurityGroup, ... error tables);
  // codes marked "unverified" are our best reading of ECS


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
