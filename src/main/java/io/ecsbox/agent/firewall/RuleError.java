package io.ecsbox.agent.firewall;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the security group model refuses: malformed rules, and groups, NICs and limits that do not fit. */
public enum RuleError implements Condition {
  SOURCE_CIDR_MALFORMED,
  DEST_CIDR_MALFORMED,
  PROTOCOL_MALFORMED,
  PORT_RANGE_MALFORMED,
  PRIORITY_MALFORMED,
  POLICY_MALFORMED,
  /** Enterprise groups take accept rules from CIDR blocks only. */
  ENTERPRISE_RULE_DENIED,
  TOO_MANY_RULES,
  GROUP_NOT_FOUND,
  SOURCE_GROUP_NOT_FOUND,
  DEST_GROUP_NOT_FOUND,
  TOO_MANY_GROUPS,
  MIXED_GROUP_TYPES,
  NIC_NOT_FOUND;

  /** A rule's CIDR block that is not one: the source's for ingress, the destination's for egress. */
  public static ServiceException cidr(SgRule.Direction d, String text) {
    return new ServiceException(d == SgRule.Direction.INGRESS ? SOURCE_CIDR_MALFORMED : DEST_CIDR_MALFORMED,
        "The specified CIDR \"" + text + "\" is not valid.");
  }

  public static ServiceException protocol(String v) {
    return new ServiceException(PROTOCOL_MALFORMED, "The specified IpProtocol \"" + v + "\" is not valid.");
  }

  public static ServiceException portRange(String v) {
    return new ServiceException(PORT_RANGE_MALFORMED, "The specified parameter PortRange \"" + v + "\" is not valid.");
  }

  public static ServiceException priority(String v) {
    return new ServiceException(PRIORITY_MALFORMED, "The specified Priority \"" + v + "\" is not valid (1-100).");
  }

  public static ServiceException policy(String v) {
    return new ServiceException(POLICY_MALFORMED, "The specified Policy \"" + v + "\" is not valid.");
  }

  /** Enterprise groups take accept rules only, without group references. */
  public static ServiceException enterpriseDrop(String groupId) {
    return new ServiceException(ENTERPRISE_RULE_DENIED, "The security group " + groupId + " is an enterprise"
        + " security group: the attributes Policy, SourceGroupId and DestGroupId of its rules cannot be set (accept"
        + " rules from CIDR blocks only).");
  }

  public static ServiceException groupNotFound(String id) {
    return groupNotFound(GROUP_NOT_FOUND, id);
  }

  /** A rule's peer group that does not exist. */
  public static ServiceException peerNotFound(SgRule.Direction d, String id) {
    return groupNotFound(d == SgRule.Direction.INGRESS ? SOURCE_GROUP_NOT_FOUND : DEST_GROUP_NOT_FOUND, id);
  }

  private static ServiceException groupNotFound(RuleError which, String id) {
    return new ServiceException(which, "The specified security group " + id + " does not exist.");
  }

  public static ServiceException tooManyGroups(String nicId) {
    return new ServiceException(TOO_MANY_GROUPS,
        "Exceeding the allowed amount of security groups that an instance can be in. (" + nicId + ")");
  }

  /** Normal and enterprise groups cannot be mixed on one NIC. */
  public static ServiceException mixedTypes(String nicId) {
    return new ServiceException(MIXED_GROUP_TYPES,
        "An instance or network interface cannot be in normal and enterprise security groups at once. (" + nicId + ")");
  }

  public static ServiceException tooManyRules(String groupId) {
    return new ServiceException(TOO_MANY_RULES,
        "The limit of authorization records in the security group " + groupId + " reaches the upper limit.");
  }

  public static ServiceException nicNotFound(String id) {
    return new ServiceException(NIC_NOT_FOUND, "The specified NIC " + id + " does not exist.");
  }
}
