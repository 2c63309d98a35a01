package io.ecsbox.network;

import java.time.Instant;

/**
 * One NIC (an ENI, {@code eni-…}): the primary NIC of an instance (type Primary, lives and dies
 * with it) or a secondary ENI (type Secondary, created on its own, attached and detached at
 * will). Its MAC and private IP never change, wherever it is attached.
 *
 * @param status Available, Attaching, InUse, Detaching or Deleting
 * @param instanceId the instance it is attached to, or null
 * @param deviceIndex its place in that instance (0 = primary, eth0), or null
 */
public record NetworkInterface(String id, String accountId, String vpcId, String vSwitchId, String zoneId,
    String type, String status, String instanceId, Integer deviceIndex, String mac, String privateIp, String name,
    String description, Instant created) {
  public static final String PRIMARY = "Primary";
  public static final String SECONDARY = "Secondary";

  public boolean primary() {
    return PRIMARY.equals(type);
  }
}
