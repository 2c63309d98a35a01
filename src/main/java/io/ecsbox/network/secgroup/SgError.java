package io.ecsbox.network.secgroup;

import io.ecsbox.compute.InstanceError;
import io.ecsbox.agent.firewall.SgRule.Direction;
import io.ecsbox.common.Condition;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;
import io.ecsbox.network.NicError;

/**
 * What the security-group actions refuse (AuthorizeSecurityGroup, JoinSecurityGroup, ...), beyond
 * the model's own refusals ({@link io.ecsbox.agent.firewall.RuleError}).
 */
public enum SgError implements Condition {
  /** An ingress rule's source group is in another VPC. */
  SOURCE_GROUP_OTHER_VPC,
  /** An egress rule's destination group is in another VPC. */
  DEST_GROUP_OTHER_VPC,
  /** A rule names an enterprise group as its peer. */
  PEER_IS_ENTERPRISE,
  RULE_NOT_FOUND,
  /** ModifySecurityGroupPolicy Accept on an enterprise group. */
  ENTERPRISE_INNER_ACCEPT,
  /** A group for a NIC is in another VPC than the NIC. */
  GROUP_OTHER_VPC,
  /** Join: the group is in another VPC than the instance's or ENI's NIC. */
  INSTANCE_OTHER_VPC,
  /** Join/Leave by instance: the instance has no NIC in a VPC. */
  INSTANCE_WITHOUT_NIC,
  ALREADY_MEMBER,
  NOT_MEMBER,
  /** Leave would take the NIC's last group. */
  LAST_GROUP,
  /** Both InstanceId and NetworkInterfaceId are given. */
  INSTANCE_AND_ENI_GIVEN,
  RULE_ID_REPEATED,
  DUPLICATE_PERMISSIONS,
  TYPE_MALFORMED,
  NAME_MALFORMED,
  NIC_TYPE_NOT_SUPPORTED,
  RULE_DESCRIPTION_MALFORMED;

  public static ServiceException peerOtherVpc(Direction d, String id) {
    return new ServiceException(d == Direction.INGRESS ? SOURCE_GROUP_OTHER_VPC : DEST_GROUP_OTHER_VPC,
        "Specified security group and " + (d == Direction.INGRESS ? "source" : "destination") + " group " + id
            + " are not in the same VPC.");
  }

  public static ServiceException peerIsEnterprise(String id) {
    return new ServiceException(PEER_IS_ENTERPRISE,
        "The security group can not authorize to enterprise level security group " + id + ".");
  }

  public static ServiceException notSupported(String param, String why) {
    return new ServiceException(Generic.NOT_SUPPORTED,
        "The parameter \"" + param + "\" is not supported by ecsbox: " + why);
  }

  public static ServiceException ruleNotFound(String id) {
    return new ServiceException(RULE_NOT_FOUND, "The specified SecurityGroupRuleId " + id + " does not exist.");
  }

  public static ServiceException dependencyViolation(String id, String what) {
    return new ServiceException(Generic.DEPENDENCY_VIOLATION,
        "There is still resource associated with the security group " + id + ": " + what + ".");
  }

  public static ServiceException enterpriseInnerAccept(String id) {
    return new ServiceException(ENTERPRISE_INNER_ACCEPT,
        "The security group " + id + " is an enterprise security group, whose InnerAccessPolicy is always Drop.");
  }

  public static ServiceException groupOtherVpc(String id, String vpcId) {
    return new ServiceException(GROUP_OTHER_VPC,
        "The specified security group " + id + " and the network interface are not in the same VPC " + vpcId + ".");
  }

  public static ServiceException instanceOtherVpc(String groupId) {
    return new ServiceException(INSTANCE_OTHER_VPC,
        "Specified instance and security group " + groupId + " are not in the same VPC.");
  }

  public static ServiceException instanceWithoutNic(String instanceId) {
    return new ServiceException(INSTANCE_WITHOUT_NIC,
        "The instance " + instanceId + " has no network interface in a VPC.");
  }

  public static ServiceException alreadyMember(String groupId) {
    return new ServiceException(ALREADY_MEMBER,
        "The specified instance already exists in the specified security group " + groupId + ".");
  }

  public static ServiceException notMember(String groupId) {
    return new ServiceException(NOT_MEMBER,
        "The instance or network interface is not in the security group " + groupId + ".");
  }

  public static ServiceException lastGroup(String groupId) {
    return new ServiceException(LAST_GROUP,
        "The specified security group " + groupId + " is the last security group for the instance.");
  }

  public static ServiceException idAndEniConflict() {
    return new ServiceException(INSTANCE_AND_ENI_GIVEN,
        "InstanceId and NetworkInterfaceId cannot be specified at the same time.");
  }

  public static ServiceException instanceNotFound(String id) {
    return new ServiceException(InstanceError.NOT_FOUND, "The specified InstanceId " + id + " does not exist.");
  }

  public static ServiceException eniNotFound(String id) {
    return new ServiceException(NicError.ENI_NOT_FOUND, "The specified network interface " + id + " does not exist.");
  }

  public static ServiceException ruleIdRepeated() {
    return new ServiceException(RULE_ID_REPEATED, "The specified parameter SecurityGroupRuleId is repeated.");
  }

  public static ServiceException duplicatePermissions() {
    return new ServiceException(DUPLICATE_PERMISSIONS,
        "There are duplicate permissions in the specified parameter Permissions.");
  }

  public static ServiceException typeMalformed(String type) {
    return new ServiceException(TYPE_MALFORMED,
        "The specified SecurityGroupType \"" + type + "\" is not valid: use normal or enterprise.");
  }

  public static ServiceException nameMalformed() {
    return new ServiceException(NAME_MALFORMED, "The SecurityGroupName must be 2-128"
        + " characters, start with a letter, and contain only letters, digits, ':', '_', '.', '-' and spaces.");
  }

  /** A rule with neither a peer CIDR block nor a peer group. */
  public static ServiceException peerMissing(Direction d) {
    boolean in = d == Direction.INGRESS;
    return new ServiceException(Generic.MISSING_PARAMETER, "The input parameter "
        + (in ? "SourceGroupId" : "DestGroupId") + " or " + (in ? "SourceCidrIp" : "DestCidrIp")
        + " cannot be both blank.");
  }

  public static ServiceException nicTypeNotSupported(String nicType) {
    return new ServiceException(NIC_TYPE_NOT_SUPPORTED,
        "The specified NicType \"" + nicType + "\" is not valid: VPC security groups take intranet only.");
  }

  public static ServiceException descriptionMalformed() {
    return new ServiceException(RULE_DESCRIPTION_MALFORMED,
        "The specified security group rule description is not valid (at most 512 characters, no http(s)://).");
  }

  /** A ClientToken repeated with other parameters. */
  public static ServiceException idempotentMismatch() {
    return new ServiceException(Generic.IDEMPOTENT_MISMATCH,
        "The specified parameters are different from before with the same ClientToken.");
  }

  /** The change is saved, the host filter is not (retried later). */
  public static ServiceException hostFailed(RuntimeException cause) {
    return ServiceException.internal("The change is saved, but applying security groups on the host failed (retried on"
        + " the next change or daemon start): " + cause.getMessage(), cause);
  }
}
