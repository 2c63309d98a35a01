package io.ecsbox.agent;

import java.time.Instant;

/**
 * A running guest's memory as its balloon driver and the host see it, in KiB; -1 where the
 * guest reports nothing (no balloon driver, or before its first report).
 *
 * @param actualKiB memory the guest has (its type's memory: the balloon never inflates)
 * @param availableKiB memory the guest's kernel can use (its MemTotal)
 * @param unusedKiB memory the guest leaves unused (its MemFree)
 * @param usableKiB memory the guest could use without swapping (its MemAvailable)
 * @param diskCachesKiB the guest's page cache it could drop
 * @param rssKiB resident memory of the guest's QEMU process on the host
 * @param lastUpdate when the guest last reported, or null
 */
public record GuestMemory(long actualKiB, long availableKiB, long unusedKiB, long usableKiB, long diskCachesKiB,
    long rssKiB, Instant lastUpdate) {}
