package io.ecsbox.network;

import io.ecsbox.common.Cidr;
import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the CIDR and private-address rules of VPCs, vSwitches and NICs refuse. */
public enum AddressError implements Condition {
  /** Bad CIDR text, a range outside the private blocks, a bad mask, or outside the VPC. */
  CIDR_MALFORMED,
  CIDR_OVERLAPPED,
  PRIVATE_IP_MALFORMED,
  /** Outside the vSwitch CIDR, or one of the addresses ECS reserves in it. */
  PRIVATE_IP_NOT_IN_VSWITCH,
  PRIVATE_IP_DUPLICATED,
  /** The vSwitch has no free address left. */
  IP_NOT_ENOUGH;

  public static ServiceException cidrMalformed(String cidr, String why) {
    return new ServiceException(CIDR_MALFORMED, "Specified CIDR block is not valid: " + cidr + " (" + why + ").");
  }

  public static ServiceException cidrOverlapped(String cidr, String other) {
    return new ServiceException(CIDR_OVERLAPPED,
        "Specified CIDR block " + cidr + " overlapped with the vSwitch CIDR block " + other + ".");
  }

  public static ServiceException privateIpMalformed(String ip) {
    return new ServiceException(PRIVATE_IP_MALFORMED, "Specified private IP address " + ip + " is malformed.");
  }

  public static ServiceException privateIpNotInVSwitch(String ip, Cidr cidr, String why) {
    return new ServiceException(PRIVATE_IP_NOT_IN_VSWITCH,
        "Specified private IP address " + ip + " is not valid in the vSwitch CIDR block " + cidr
            + " (" + why + ").");
  }

  public static ServiceException privateIpDuplicated(String ip) {
    return new ServiceException(PRIVATE_IP_DUPLICATED, "Specified private IP address " + ip + " is duplicated.");
  }

  public static ServiceException ipNotEnough(Cidr cidr) {
    return new ServiceException(IP_NOT_ENOUGH,
        "The specified VSwitch does not have enough IpAddress (" + cidr + ").");
  }
}
