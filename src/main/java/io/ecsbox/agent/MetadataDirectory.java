package io.ecsbox.agent;

import java.util.Optional;

/**
 * Who is asking: the instance that owns {@code sourceIp} in the VPC {@code vpcId}, as the
 * metadata service sees it (the VPC of the listener, the connection's remote address).
 * Implementations must answer from their current state, cheaply: it is called per request.
 */
public interface MetadataDirectory {

  /** The instance with a NIC holding {@code sourceIp} in {@code vpcId}; empty if none. */
  Optional<GuestMetadata> lookup(String vpcId, String sourceIp);
}
