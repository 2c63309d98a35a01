package io.ecsbox.api;

import io.ecsbox.api.ErrorCodes.Code;
import io.ecsbox.agent.firewall.RuleError;
import io.ecsbox.common.Condition;
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
  }

  private static void put(Map<Condition, Code> codes, Condition c, int status, String code) {
    if (codes.put(c, new Code(status, code)) != null) {
      throw new IllegalStateException("two codes for " + c);
    }
  }
}
