package io.ecsbox.agent;

import io.ecsbox.common.Cidr;

/** A fixed DHCP lease: the NIC with this MAC always gets this private IP. */
public record DhcpHost(String mac, String ip) {

  public DhcpHost {
    if (mac == null || !mac.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
      throw new IllegalArgumentException("not a lower-case MAC address: " + mac);
    }
    Cidr.parseAddress(ip);
  }
}
