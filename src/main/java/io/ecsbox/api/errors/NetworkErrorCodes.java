package io.ecsbox.api.errors;

import io.ecsbox.common.Generic;
import io.ecsbox.compute.InstanceError;
import io.ecsbox.api.errors.ErrorCodes.Code;
import io.ecsbox.agent.firewall.RuleError;
import io.ecsbox.common.Condition;
import io.ecsbox.network.AddressError;
import io.ecsbox.network.NicError;
import io.ecsbox.network.VpcError;
import io.ecsbox.network.eip.EipError;
import io.ecsbox.network.secgroup.SgError;
import java.util.Map;

/** The ECS codes of the network conditions. */
final class NetworkErrorCodes {
  private NetworkErrorCodes() {}

  static void addTo(Map<Condition, Code> codes) {
    put(codes, RuleError.SOURCE_CIDR_MALFORMED, 400, "InvalidSourceCidrIp.Malformed");
    put(codes, RuleError.DEST_CIDR_MALFORMED, 400, "InvalidDestCidrIp.Malformed");
    put(codes, RuleError.PROTOCOL_MALFORMED, 400, "InvalidIpProtocol.Malformed");
    put(codes, RuleError.PORT_RANGE_MALFORMED, 400, "InvalidPortRange.Malformed");
    put(codes, RuleError.PRIORITY_MALFORMED, 400, "InvalidPriority.Malformed");
    put(codes, RuleError.POLICY_MALFORMED, 400, "InvalidPolicy.Malformed");
    put(codes, RuleError.ENTERPRISE_RULE_DENIED, 400, "InvalidGroupParameter.OperationDenied");
    put(codes, RuleError.TOO_MANY_RULES, 400, "AuthorizationLimitExceed");
    put(codes, RuleError.GROUP_NOT_FOUND, 404, "InvalidSecurityGroupId.NotFound");
    put(codes, RuleError.SOURCE_GROUP_NOT_FOUND, 404, "InvalidSourceGroupId.NotFound");
    put(codes, RuleError.DEST_GROUP_NOT_FOUND, 404, "InvalidDestGroupId.NotFound");
    put(codes, RuleError.TOO_MANY_GROUPS, 400, "InstanceSecurityGroupLimitExceeded");
    // unverified code: ECS's reading of normal and enterprise groups on one NIC
    put(codes, RuleError.MIXED_GROUP_TYPES, 400, "InvalidSecurityGroup.TypeMismatch");
    put(codes, RuleError.NIC_NOT_FOUND, 404, "InvalidNetworkInterfaceId.NotFound");

    // security groups (AuthorizeSecurityGroup, JoinSecurityGroup, ... error tables);
    // "unverified" marks our best reading of ECS, to check against the real API
    put(codes, SgError.SOURCE_GROUP_OTHER_VPC, 400, "InvalidSourceGroupId.Mismatch");
    put(codes, SgError.DEST_GROUP_OTHER_VPC, 400, "InvalidDestGroupId.Mismatch");
    put(codes, SgError.PEER_IS_ENTERPRISE, 400, "InvalidGroupAuthParameter.OperationDenied");
    put(codes, SgError.RULE_NOT_FOUND, 404, "InvalidSecurityGroupRuleId.NotFound");
    // unverified code: the enterprise-attribute one
    put(codes, SgError.ENTERPRISE_INNER_ACCEPT, 400, "InvalidGroupParameter.OperationDenied");
    put(codes, SgError.GROUP_OTHER_VPC, 400, "InvalidSecurityGroupId.VPCMismatch");
    put(codes, SgError.INSTANCE_OTHER_VPC, 400, "InvalidInstanceId.Mismatch");
    put(codes, SgError.INSTANCE_WITHOUT_NIC, 400, "InvalidInstanceId.Mismatch");
    put(codes, SgError.ALREADY_MEMBER, 403, "InvalidInstanceId.AlreadyExists");
    put(codes, SgError.NOT_MEMBER, 400, "InvalidSecurityGroupAssociation.NotFound");
    put(codes, SgError.LAST_GROUP, 403, "InstanceLastSecurityGroup");
    put(codes, SgError.INSTANCE_AND_ENI_GIVEN, 403, "InvalidParam.EniIdAndInstanceId.Conflict");
    put(codes, SgError.RULE_ID_REPEATED, 400, "InvalidParam.SecurityGroupRuleIdRepeated");
    put(codes, SgError.DUPLICATE_PERMISSIONS, 400, "InvalidParam.DuplicatePermissions");
    put(codes, SgError.TYPE_MALFORMED, 400, "InvalidSecurityGroupType.Malformed");
    put(codes, SgError.NAME_MALFORMED, 400, "InvalidSecurityGroupName.Malformed");
    put(codes, SgError.NIC_TYPE_NOT_SUPPORTED, 400, "InvalidNicType.ValueNotSupported");
    // spelled "Discription", as answered so far
    put(codes, SgError.RULE_DESCRIPTION_MALFORMED, 400, "InvalidSecurityGroupDiscription.Malformed");

    // VPCs and vSwitches
    put(codes, VpcError.VPC_NOT_FOUND, 404, "InvalidVpcId.NotFound");
    put(codes, VpcError.VSWITCH_NOT_FOUND, 404, "InvalidVSwitchId.NotFound");
    put(codes, VpcError.VSWITCH_QUOTA_EXCEEDED, 403, "QuotaExceeded.VSwitch");
    put(codes, VpcError.DEFAULT_VPC_FULL, 403, "QuotaExceeded.VSwitch");
    put(codes, VpcError.VPC_NAME_MALFORMED, 400, "InvalidVpcName.Malformed");
    put(codes, VpcError.VSWITCH_NAME_MALFORMED, 400, "InvalidVSwitchName.Malformed");

    // CIDR blocks and private addresses: following the VPC API's CreateVpc/CreateVSwitch and ECS
    // RunInstances/CreateNetworkInterface documentation
    put(codes, AddressError.CIDR_MALFORMED, 400, "InvalidCidrBlock.Malformed");
    put(codes, AddressError.CIDR_OVERLAPPED, 400, "InvalidCidrBlock.Overlapped");
    put(codes, AddressError.PRIVATE_IP_MALFORMED, 400, "InvalidPrivateIpAddress.Malformed");
    put(codes, AddressError.PRIVATE_IP_NOT_IN_VSWITCH, 400, "InvalidPrivateIpAddress");
    put(codes, AddressError.PRIVATE_IP_DUPLICATED, 400, "InvalidPrivateIpAddress.Duplicated");
    put(codes, AddressError.IP_NOT_ENOUGH, 400, "InvalidVSwitchId.IpNotEnough");

    // NICs and ENIs
    put(codes, NicError.ENI_NOT_FOUND, 404, "InvalidEniId.NotFound");
    put(codes, NicError.VSWITCH_ZONE_MISMATCH, 400, "InvalidVSwitchId.ZoneMismatch");
    put(codes, NicError.PRIVATE_IP_WITHOUT_VSWITCH, 400, "MissingParameter.VSwitchId");
    put(codes, NicError.ENI_ZONE_MISMATCH, 400, "InvalidOperation.InvalidEniZone");
    put(codes, NicError.INSTANCE_HAS_NO_NETWORK, 400, "InvalidOperation.InstanceHasNoNetwork");
    put(codes, NicError.ENI_VPC_MISMATCH, 400, "InvalidOperation.VpcMismatch");
    put(codes, NicError.ENI_QUOTA_EXCEEDED, 403, "QuotaExceed.EniPerInstance");
    put(codes, NicError.DETACH_PRIMARY_ENI, 403, "InvalidOperation.DetachPrimaryEniNotAllowed");
    // the same code as INCORRECT_ENI_STATUS, with 400 where that one answers 403
    put(codes, NicError.ENI_NOT_ATTACHED_TO_INSTANCE, 400, "InvalidOperation.InvalidEniState");
    put(codes, NicError.INCORRECT_ENI_STATUS, 403, "InvalidOperation.InvalidEniState");

    // EIPs
    put(codes, EipError.NOT_FOUND, 404, "InvalidAllocationId.NotFound");
    put(codes, EipError.INCORRECT_STATUS, 403, "IncorrectEipStatus");
    put(codes, EipError.TARGET_HAS_PUBLIC_IP, 400, "InvalidAssociation.Duplicated");
    put(codes, EipError.INSTANCE_TYPE_NOT_SUPPORTED, 400, "InvalidInstanceType.ValueNotSupported");
    put(codes, EipError.NOT_ASSOCIATED_WITH, 400, "InvalidInstanceId.NotAssociated");
    put(codes, EipError.NOT_CONFIGURED, 403, "Forbidden.EipNotConfigured");
    put(codes, EipError.RANGE_FULL, 403, "QuotaExceeded.Eip");
    put(codes, EipError.NO_PRIVATE_IP, 403, "IncorrectInstanceStatus");
    put(codes, EipError.BANDWIDTH_OUT_OF_RANGE, 400, "InvalidParameter.Bandwidth");
    put(codes, EipError.MAX_BANDWIDTH_OUT_OF_RANGE, 400, "InvalidParameter.InternetMaxBandwidthOut");
    put(codes, EipError.NAME_MALFORMED, 400, "InvalidName.Malformed");
  }

  private static void put(Map<Condition, Code> codes, Condition c, int status, String code) {
    if (codes.put(c, new Code(status, code)) != null) {
      throw new IllegalStateException("two codes for " + c);
    }
  }
}
