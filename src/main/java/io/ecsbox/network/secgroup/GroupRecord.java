package io.ecsbox.network.secgroup;

import io.ecsbox.agent.firewall.SecurityGroup;
import java.time.Instant;

/**
 * A security group as stored and described: the API attributes around the engine's {@link
 * SecurityGroup} (whose rules live in {@link RuleRecord}s).
 *
 * @param innerAccept InnerAccessPolicy Accept (always false for enterprise groups)
 * @param isDefault the VPC's default group, made on first use
 */
public record GroupRecord(String id, String accountId, String vpcId, String name, String description,
    SecurityGroup.Type type, boolean innerAccept, boolean isDefault, Instant created) {

  public String apiType() {
    return type == SecurityGroup.Type.ENTERPRISE ? "enterprise" : "normal";
  }

  public String innerAccessPolicy() {
    return innerAccept ? "Accept" : "Drop";
  }
}
