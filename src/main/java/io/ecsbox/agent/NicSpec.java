package io.ecsbox.agent;

/**
 * One virtio NIC of an instance: its id, fixed MAC, the vSwitch it is plugged into, and the
 * address DHCP hands it ({@code ip}/{@code prefix}, default route via {@code gateway}), which
 * the config drive's network-config repeats. The host names the tap and bridge from the ids.
 */
public record NicSpec(String nicId, String mac, String vSwitchId, String ip, int prefix, String gateway) {
  public NicSpec {
    if (mac == null || !mac.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
      throw new IllegalArgumentException("not a lower-case MAC: " + mac);
    }
  }
}
