package io.ecsbox.network;

import io.ecsbox.common.Cidr;
import java.time.Instant;

/**
 * A VPC as the store keeps it. {@code status} is Pending from the row's write until its
 * vRouter exists on the host, then Available; {@code deleting} hides it while DeleteVpc runs.
 */
public record Vpc(String id, String accountId, String name, String description, Cidr cidr, String vRouterId,
    String routeTableId, String status, boolean isDefault, Instant created, boolean deleting) {}
