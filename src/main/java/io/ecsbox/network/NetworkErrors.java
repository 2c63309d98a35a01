package io.ecsbox.network;

import io.ecsbox.common.Cidr;
import io.ecsbox.common.EcsException;

/**
 * The ECS/VPC error codes the network rules raise. Codes follow the VPC API's
 * CreateVpc/CreateVSwitch and ECS RunInstances/CreateNetworkInterface documentation.
 */
public final class NetworkErrors {
  private NetworkErrors() {}

  /** Bad CIDR text, a range outside the private blocks, a bad mask, or outside the VPC. */
  public static EcsException cidrMalformed(String cidr, String why) {
    return EcsException.badRequest("InvalidCidrBlock.Malformed",
        "Specified CIDR block is not valid: " + cidr + " (" + why + ").");
  }

  public static EcsException cidrOverlapped(String cidr, String other) {
    return EcsException.badRequest("InvalidCidrBlock.Overlapped",
        "Specified CIDR block " + cidr + " overlapped with the vSwitch CIDR block " + other + ".");
  }

  public static EcsException privateIpMalformed(String ip) {
    return EcsException.badRequest("InvalidPrivateIpAddress.Malformed",
        "Specified private IP address " + ip + " is malformed.");
  }

  /** Outside the vSwitch CIDR, or one of the addresses ECS reserves in it. */
  public static EcsException privateIpNotInVSwitch(String ip, Cidr cidr, String why) {
    return EcsException.badRequest("InvalidPrivateIpAddress",
        "Specified private IP address " + ip + " is not valid in the vSwitch CIDR block " + cidr
            + " (" + why + ").");
  }

  public static EcsException privateIpDuplicated(String ip) {
    return EcsException.badRequest("InvalidPrivateIpAddress.Duplicated",
        "Specified private IP address " + ip + " is duplicated.");
  }

  public static EcsException ipNotEnough(Cidr cidr) {
    return EcsException.badRequest("InvalidVSwitchId.IpNotEnough",
        "The specified VSwitch does not have enough IpAddress (" + cidr + ").");
  }
}
