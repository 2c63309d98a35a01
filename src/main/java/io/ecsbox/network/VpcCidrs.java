package io.ecsbox.network;

import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.common.Cidr;
import java.util.Collection;
import java.util.List;

/**
 * The address rules of VPCs and vSwitches, as ECS states them (ecs-api.md §6.3):
 * <ul>
 *   <li>a VPC CIDR lies inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, mask /8 to /24;
 *   <li>a vSwitch CIDR has a mask /16 to /29, lies inside its VPC's CIDR and overlaps no
 *       sibling vSwitch;
 *   <li>the first address and the last three of a vSwitch are reserved. The vRouter's
 *       gateway takes the first of those three (x.x.x.253 of a /24), the address ECS guests
 *       see as their default gateway; the other two and the network address stay unused.
 * </ul>
 */
public final class VpcCidrs {
  public static final List<Cidr> PRIVATE_BLOCKS =
      List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"));
  public static final int VPC_MIN_PREFIX = 8;
  public static final int VPC_MAX_PREFIX = 24;
  public static final int VSWITCH_MIN_PREFIX = VSwitchNet.MIN_PREFIX;
  public static final int VSWITCH_MAX_PREFIX = VSwitchNet.MAX_PREFIX;

  private VpcCidrs() {}

  /** Validates a CreateVpc CidrBlock; throws InvalidCidrBlock.Malformed. */
  public static Cidr vpc(String text) {
    Cidr c = parse(text);
    if (c.prefix() < VPC_MIN_PREFIX || c.prefix() > VPC_MAX_PREFIX) {
      throw AddressError.cidrMalformed(text, "a VPC mask must be /" + VPC_MIN_PREFIX + " to /" + VPC_MAX_PREFIX);
    }
    if (PRIVATE_BLOCKS.stream().noneMatch(b -> b.contains(c))) {
      throw AddressError.cidrMalformed(text, "must lie in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
    }
    return c;
  }

  /**
   * Validates a CreateVSwitch CidrBlock against its VPC and sibling vSwitches; throws
   * InvalidCidrBlock.Malformed or InvalidCidrBlock.Overlapped.
   */
  public static Cidr vSwitch(Cidr vpc, String text, Collection<Cidr> siblings) {
    Cidr c = parse(text);
    if (c.prefix() < VSWITCH_MIN_PREFIX || c.prefix() > VSWITCH_MAX_PREFIX) {
      throw AddressError.cidrMalformed(text,
          "a vSwitch mask must be /" + VSWITCH_MIN_PREFIX + " to /" + VSWITCH_MAX_PREFIX);
    }
    if (!vpc.contains(c)) {
      throw AddressError.cidrMalformed(text, "not inside the VPC CIDR block " + vpc);
    }
    for (Cidr s : siblings) {
      if (s.overlaps(c)) {
        throw AddressError.cidrOverlapped(text, s.toString());
      }
    }
    return c;
  }

  /** The vRouter's address on a vSwitch: the first of the three reserved tail addresses. */
  public static int gateway(Cidr vSwitch) {
    return VSwitchNet.gatewayOf(vSwitch);
  }

  /** The addresses ECS reserves in a vSwitch: network, gateway (.253), .254, .255. */
  public static List<Integer> reserved(Cidr vSwitch) {
    int last = vSwitch.last();
    return List.of(vSwitch.network(), last - 2, last - 1, last);
  }

  public static boolean isReserved(Cidr vSwitch, int address) {
    int last = vSwitch.last();
    return address == vSwitch.network() || (address >= last - 2 && address <= last);
  }

  /** Addresses instances can get: the block's size minus the four reserved ones. */
  public static long usableCount(Cidr vSwitch) {
    return vSwitch.size() - 4;
  }

  private static Cidr parse(String text) {
    try {
      return Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      throw AddressError.cidrMalformed(String.valueOf(text), e.getMessage());
    }
  }
}
