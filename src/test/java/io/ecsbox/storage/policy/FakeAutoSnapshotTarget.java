package io.ecsbox.storage.policy;

import io.ecsbox.storage.AutoSnapshotTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records the snapshots asked for; disks in {@link #failing} throw, as a broken disk would. */
public final class FakeAutoSnapshotTarget implements AutoSnapshotTarget {
  /** One call of {@link #createAutoSnapshot}. */
  public record Call(String accountId, String diskId, String policyId, int retentionDays) {}

  public final List<Call> snapshots = new ArrayList<>();
  public final List<Instant> expiries = new ArrayList<>();
  public final Set<String> failing = new HashSet<>();
  public boolean failExpiry;

  @Override
  public synchronized String createAutoSnapshot(String accountId, String diskId, String policyId, int retentionDays) {
    if (failing.contains(diskId)) {
      throw new IllegalStateException("disk " + diskId + " is broken");
    }
    snapshots.add(new Call(accountId, diskId, policyId, retentionDays));
    return "s-fake" + snapshots.size();
  }

  @Override
  public synchronized List<String> expireSnapshots(Instant now) {
    expiries.add(now);
    if (failExpiry) {
      throw new IllegalStateException("expiry failed");
    }
    return List.of();
  }

  public synchronized List<String> disksSnapshotted() {
    return snapshots.stream().map(Call::diskId).toList();
  }
}
