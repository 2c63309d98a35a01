package io.ecsbox.network;

import io.ecsbox.common.Cidr;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The private addresses of one vSwitch: which are taken, which one the next NIC gets. Pure
 * and not thread-safe; the caller holds the vSwitch's lock and persists the result.
 * Allocation hands out the lowest free usable address, or validates the one asked for.
 */
public final class SubnetPool {
  private final Cidr cidr;
  private final TreeSet<Integer> taken = new TreeSet<>(Integer::compareUnsigned);

  /** A pool over {@code cidr} with {@code inUse} (dotted addresses) already taken. */
  public SubnetPool(Cidr cidr, Collection<String> inUse) {
    this.cidr = cidr;
    for (String ip : inUse) {
      taken.add(Cidr.parseAddress(ip));
    }
  }

  public Cidr cidr() {
    return cidr;
  }

  /** Takes the lowest free usable address; throws InvalidVSwitchId.IpNotEnough when full. */
  public String allocate() {
    int first = cidr.network() + 1;
    int end = cidr.last() - 3; // inclusive: the last three are reserved
    for (long a = Integer.toUnsignedLong(first); a <= Integer.toUnsignedLong(end); a++) {
      if (!taken.contains((int) a)) {
        taken.add((int) a);
        return Cidr.format((int) a);
      }
    }
    throw AddressError.ipNotEnough(cidr);
  }

  /**
   * Takes {@code ip} if it is inside the vSwitch, not reserved and free; otherwise throws
   * InvalidPrivateIpAddress.Malformed, InvalidPrivateIpAddress or
   * InvalidPrivateIpAddress.Duplicated.
   */
  public String allocate(String ip) {
    int a;
    try {
      a = Cidr.parseAddress(ip);
    } catch (IllegalArgumentException e) {
      throw AddressError.privateIpMalformed(String.valueOf(ip));
    }
    if (!cidr.contains(a)) {
      throw AddressError.privateIpNotInVSwitch(ip, cidr, "outside the vSwitch");
    }
    if (VpcCidrs.isReserved(cidr, a)) {
      throw AddressError.privateIpNotInVSwitch(ip, cidr, "reserved by the system");
    }
    if (!taken.add(a)) {
      throw AddressError.privateIpDuplicated(ip);
    }
    return Cidr.format(a);
  }

  /** Returns {@code ip} to the pool; releasing a free address is a no-op. */
  public void release(String ip) {
    taken.remove(Cidr.parseAddress(ip));
  }

  public boolean isTaken(String ip) {
    return taken.contains(Cidr.parseAddress(ip));
  }

  /** Free usable addresses (DescribeVSwitches' AvailableIpAddressCount). */
  public long available() {
    long inside = taken.stream().filter(a -> cidr.contains(a) && !VpcCidrs.isReserved(cidr, a)).count();
    return VpcCidrs.usableCount(cidr) - inside;
  }
}
