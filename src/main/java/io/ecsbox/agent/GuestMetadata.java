package io.ecsbox.agent;

import java.util.List;

/**
 * What the metadata service tells one instance about itself. {@code userData} is the decoded
 * UserData (null: none); {@code httpTokens} is "optional" or "required", {@code httpEndpoint}
 * "enabled" or "disabled"; {@code eipv4} is null without a public address; {@code nics} has
 * the primary NIC first; {@code access} is what the guest got at its last start (its public
 * keys, its password hash). Other null fields are left out of the tree.
 */
public record GuestMetadata(String instanceId, String hostName, String regionId, String zoneId, String imageId,
    String serialNumber, String ownerAccountId, String instanceType, String instanceName, byte[] userData,
    String httpTokens, String httpEndpoint, String eipv4, List<NicMetadata> nics, int maxBandwidthEgressMbps,
    GuestAccess access) {

  public GuestMetadata {
    nics = nics == null ? List.of() : List.copyOf(nics);
    access = access == null ? GuestAccess.NONE : access;
  }

  /** Metadata of a guest without a key pair or password. */
  public GuestMetadata(String instanceId, String hostName, String regionId, String zoneId, String imageId,
      String serialNumber, String ownerAccountId, String instanceType, String instanceName, byte[] userData,
      String httpTokens, String httpEndpoint, String eipv4, List<NicMetadata> nics, int maxBandwidthEgressMbps) {
    this(instanceId, hostName, regionId, zoneId, imageId, serialNumber, ownerAccountId, instanceType,
        instanceName, userData, httpTokens, httpEndpoint, eipv4, nics, maxBandwidthEgressMbps, null);
  }

  public boolean tokensRequired() {
    return "required".equalsIgnoreCase(httpTokens);
  }

  public boolean endpointDisabled() {
    return "disabled".equalsIgnoreCase(httpEndpoint);
  }
}
