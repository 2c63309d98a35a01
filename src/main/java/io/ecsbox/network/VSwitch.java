package io.ecsbox.network;

import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.common.Cidr;
import java.time.Instant;

/** A vSwitch as the store keeps it; status and deleting as for {@link Vpc}. */
public record VSwitch(String id, String accountId, String vpcId, String zoneId, String name, String description,
    Cidr cidr, String status, boolean isDefault, Instant created, boolean deleting) {

  /** What the host needs of it. */
  public VSwitchNet net() {
    return new VSwitchNet(vpcId, id, cidr);
  }
}
