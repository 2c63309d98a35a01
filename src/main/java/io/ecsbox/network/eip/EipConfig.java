package io.ecsbox.network.eip;

import io.ecsbox.common.Cidr;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's public range for EIPs and NAT public IPs, the host bridge it lives on, and
 * the next hop the vRouters use there. Checked once at start
 * with the other settings. Allocation never hands out the range's network, broadcast or
 * gateway address.
 *
 * @param range   ECSBOX_EIP_CIDR, a /20 to /30 block (at most 4096 addresses: tc class ids)
 * @param uplink  ECSBOX_EIP_UPLINK, the name of an existing Linux bridge
 * @param gateway ECSBOX_EIP_GATEWAY, default the range's first usable address
 */
public record EipConfig(Cidr range, String uplink, int gateway) {
  public static final String CIDR_VAR = "ECSBOX_EIP_CIDR";
  public static final String UPLINK_VAR = "ECSBOX_EIP_UPLINK";
  public static final String GATEWAY_VAR = "ECSBOX_EIP_GATEWAY";
  private static final int MIN_PREFIX = 20;
  private static final int MAX_PREFIX = 30;

  public EipConfig {
    if (range.prefix() < MIN_PREFIX || range.prefix() > MAX_PREFIX) {
      throw new IllegalArgumentException(CIDR_VAR + " must be a /" + MIN_PREFIX + " to /" + MAX_PREFIX
          + " block, got " + range);
    }
    if (uplink == null || !uplink.matches("[A-Za-z0-9_.-]{1,15}")) {
      throw new IllegalArgumentException(UPLINK_VAR + " must name a Linux bridge (1-15 of [A-Za-z0-9_.-]), got '"
          + uplink + "'");
    }
    if (gateway == range.network() || gateway == range.last()) {
      throw new IllegalArgumentException(GATEWAY_VAR + " must not be the network or broadcast address of "
          + range + ", got " + Cidr.format(gateway));
    }
  }

  /** The config of checked settings (ECSBOX_EIP_CIDR, _UPLINK, _GATEWAY: see the config package). */
  public static EipConfig of(String cidr, String uplink, String gateway) {
    return new EipConfig(Cidr.parse(cidr), uplink, Cidr.parseAddress(gateway));
  }

  public String gatewayAddress() {
    return Cidr.format(gateway);
  }

  /** True for an address EIPs may be: in the range, not network, broadcast or gateway. */
  public boolean allocatable(int address) {
    return range.contains(address) && address != range.network() && address != range.last() && address != gateway;
  }

  /** The lowest allocatable address not in {@code used}; empty when the range is full. */
  public Optional<String> firstFree(Set<String> used) {
    for (long a = Integer.toUnsignedLong(range.network()) + 1; a < Integer.toUnsignedLong(range.last()); a++) {
      String ip = Cidr.format((int) a);
      if (allocatable((int) a) && !used.contains(ip)) {
        return Optional.of(ip);
      }
    }
    return Optional.empty();
  }

  /** How many addresses EIPs can use in all. */
  public int capacity() {
    return (int) range.size() - 2 - (range.contains(gateway) ? 1 : 0);
  }

}
