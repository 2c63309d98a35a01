package io.ecsbox.host.libvirt;

/**
 * One virtio NIC of a domain: a tap named {@code tap} (derived from our NIC id) in the Linux
 * bridge {@code bridge} of its vSwitch, with a fixed MAC. {@code ip}, {@code prefix} and
 * {@code gateway} are what DHCP hands out; the config drive's network-config repeats them.
 */
public record NicDevice(String nicId, String mac, String bridge, String tap, String ip, int prefix, String gateway) {
  public NicDevice {
    if (mac == null || !mac.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
      throw new IllegalArgumentException("not a lower-case MAC: " + mac);
    }
    if (tap == null || !tap.matches("[a-z0-9-]{1,15}") || bridge == null || !bridge.matches("[a-z0-9-]{1,15}")) {
      throw new IllegalArgumentException("bad tap or bridge name: " + tap + " " + bridge);
    }
  }
}
