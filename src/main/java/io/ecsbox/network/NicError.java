package io.ecsbox.network;

import io.ecsbox.common.Condition;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;

/** What the NIC actions refuse: placing primary NICs, and creating, attaching and detaching ENIs. */
public enum NicError implements Condition {
  ENI_NOT_FOUND,
  /** An instance the account does not have (as the NIC side sees instances). */
  /** The instance is neither Running nor Stopped (or otherwise not in the state the call needs). */
  /** The vSwitch asked for is not in the zone asked for. */
  VSWITCH_ZONE_MISMATCH,
  /** A private IP is given without the vSwitch it belongs to. */
  PRIVATE_IP_WITHOUT_VSWITCH,
  ENI_ZONE_MISMATCH,
  /** The instance has no primary NIC (no VPC to join). */
  INSTANCE_HAS_NO_NETWORK,
  ENI_VPC_MISMATCH,
  /** The instance has as many NICs as its type allows. */
  ENI_QUOTA_EXCEEDED,
  DETACH_PRIMARY_ENI,
  /** Detach names an instance the ENI is not attached to. */
  ENI_NOT_ATTACHED_TO_INSTANCE,
  /** The ENI is not in the status the call needs (Available to attach, InUse to detach). */
  INCORRECT_ENI_STATUS;

  public static ServiceException eniNotFound(String eniId) {
    return new ServiceException(ENI_NOT_FOUND, "The specified NetworkInterfaceId " + eniId + " does not exist.");
  }

  public static ServiceException privateIpForMany(int amount) {
    return new ServiceException(Generic.CONFLICTING_PARAMETERS,
        "PrivateIpAddress cannot be given when more than one instance is created (Amount " + amount + ").");
  }

  public static ServiceException vSwitchZoneMismatch(String vSwitchId, String vSwitchZone, String zoneId) {
    return new ServiceException(VSWITCH_ZONE_MISMATCH, "The specified vSwitch " + vSwitchId
        + " is in zone " + vSwitchZone + ", not in the specified zone " + zoneId + ".");
  }

  public static ServiceException privateIpWithoutVSwitch() {
    return new ServiceException(PRIVATE_IP_WITHOUT_VSWITCH, "PrivateIpAddress needs the VSwitchId it belongs to.");
  }

  public static ServiceException eniZoneMismatch(String eniId, String eniZone, String instanceId, String zone) {
    return new ServiceException(ENI_ZONE_MISMATCH, "The ENI " + eniId + " is in zone "
        + eniZone + ", the instance " + instanceId + " in zone " + zone + ".");
  }

  /** {@code message}: what the caller was after (the instance has no NIC for it). */
  public static ServiceException instanceHasNoNetwork(String message) {
    return new ServiceException(INSTANCE_HAS_NO_NETWORK, message);
  }

  public static ServiceException eniVpcMismatch(String eniId, String eniVpc, String instanceId, String vpc) {
    return new ServiceException(ENI_VPC_MISMATCH, "The ENI " + eniId + " is in VPC "
        + eniVpc + ", the instance " + instanceId + " in VPC " + vpc + ".");
  }

  public static ServiceException eniQuota(String instanceId, int attached) {
    return new ServiceException(ENI_QUOTA_EXCEEDED, "The instance " + instanceId + " already has "
        + attached + " network interfaces, the most its type allows.");
  }

  public static ServiceException detachPrimary(String eniId) {
    return new ServiceException(DETACH_PRIMARY_ENI,
        "The primary network interface " + eniId + " cannot be detached from its instance.");
  }

  public static ServiceException notAttachedTo(String eniId, String instanceId) {
    return new ServiceException(ENI_NOT_ATTACHED_TO_INSTANCE, "The ENI " + eniId + " is not attached to"
        + " instance " + instanceId + ".");
  }

  public static ServiceException eniStatus(String eniId, String status, String needed) {
    return new ServiceException(INCORRECT_ENI_STATUS, "The network interface " + eniId + " is "
        + status + "; it must be " + needed + ".");
  }
}
