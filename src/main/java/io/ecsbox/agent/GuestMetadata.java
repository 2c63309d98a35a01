package io.ecsbox.agent;

import java.util.List;

/**
 * What the metadata service tells one instance about itself. {@code userData} is the decoded
 * UserData (null: none); {@code httpTokens} is "optional" or "required", {@code httpEndpoint}
 * "enabled" or "disabled"; {@code eipv4} is null without a public address; {@code nics} has
 * the primary NIC first. Other null fields are left out of the tree.
 */
public record GuestMetadata(String instanceId, String hostName, String regionId, String zoneId, String imageId,
    String serialNumber, String ownerAccountId, String instanceType, String instanceName, byte[] userData,
    String httpTokens, String httpEndpoint, String eipv4, List<NicMetadata> nics, int maxBandwidthEgressMbps) {

  public GuestMetadata {
    nics = nics == null ? List.of() : List.copyOf(nics);
  }

  public boolean tokensRequired() {
    return "required".equalsIgnoreCase(httpTokens);
  }

  public boolean endpointDisabled() {
    return "disabled".equalsIgnoreCase(httpEndpoint);
  }
}
