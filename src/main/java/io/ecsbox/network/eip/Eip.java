package io.ecsbox.network.eip;

import java.time.Instant;

/**
 * One public address row: an elastic IP ({@code kind} "eip", the account's until released) or
 * the NAT public IP RunInstances gives ({@code kind} "nat", lives and dies with its instance).
 * Associated to {@code eniId}; {@code instanceId} is set when associated as EcsInstance (the
 * instance's primary NIC) and null for a NetworkInterface association.
 */
public record Eip(String allocationId, String accountId, String ip, int bandwidth, String chargeType,
    String status, String kind, String eniId, String instanceId, String name, String description,
    Instant created) {
  public static final String AVAILABLE = "Available";
  public static final String ASSOCIATING = "Associating";
  public static final String IN_USE = "InUse";
  public static final String UNASSOCIATING = "Unassociating";
  public static final String KIND_EIP = "eip";
  public static final String KIND_NAT = "nat";

  public boolean isNat() {
    return KIND_NAT.equals(kind);
  }

  /** "EcsInstance", "NetworkInterface", or "" when not associated. */
  public String associatedType() {
    if (eniId == null) {
      return "";
    }
    return instanceId != null ? "EcsInstance" : "NetworkInterface";
  }

  /** The id DescribeEipAddresses shows as InstanceId: the instance or the ENI; "" when free. */
  public String associatedId() {
    if (eniId == null) {
      return "";
    }
    return instanceId != null ? instanceId : eniId;
  }
}
