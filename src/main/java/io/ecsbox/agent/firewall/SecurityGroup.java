package io.ecsbox.agent.firewall;

import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Ids;
import java.util.List;

/**
 * A security group: its type, whether members may talk to each other (InnerAccessPolicy, only
 * meaningful for normal groups: enterprise groups never allow member-to-member traffic by
 * default) and its rules. Enterprise groups take accept rules only.
 */
public record SecurityGroup(String id, Type type, boolean innerAccept, List<SgRule> rules) {
  public static final int MAX_RULES = 200;

  public enum Type { NORMAL, ENTERPRISE }

  public SecurityGroup {
    if (!Ids.valid("sg", id)) {
      throw ServiceException.invalid("SecurityGroupId", "not a security group id: " + id);
    }
    rules = List.copyOf(rules);
    if (rules.size() > MAX_RULES) {
      throw RuleError.tooManyRules(id);
    }
    if (type == Type.ENTERPRISE) {
      innerAccept = false;
      if (rules.stream().anyMatch(r -> r.policy() == SgRule.Policy.DROP)) {
        throw RuleError.enterpriseDrop(id);
      }
    }
  }

  public static SecurityGroup normal(String id, List<SgRule> rules) {
    return new SecurityGroup(id, Type.NORMAL, true, rules);
  }

  public static SecurityGroup enterprise(String id, List<SgRule> rules) {
    return new SecurityGroup(id, Type.ENTERPRISE, false, rules);
  }

  /** The same group with other rules (validated again). */
  public SecurityGroup withRules(List<SgRule> newRules) {
    return new SecurityGroup(id, type, innerAccept, newRules);
  }
}
