package io.ecsbox.host.eip;

import io.ecsbox.common.Cidr;

/**
 * Where this host's public addresses live: the operator's public {@code range}, the Linux
 * bridge {@code uplink} it is on, and the next hop there ({@code gateway}).
 */
public record PublicUplink(Cidr range, String uplink, int gateway) {
  public String gatewayAddress() {
    return Cidr.format(gateway);
  }
}
