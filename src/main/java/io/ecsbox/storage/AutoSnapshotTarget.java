package io.ecsbox.storage;

import java.time.Instant;
import java.util.List;

/** What the auto snapshot policy runner needs from the snapshot service. */
public interface AutoSnapshotTarget {
  /**
   * Takes an automatic snapshot of the disk for the policy; when the disk holds the maximum
   * number of automatic snapshots, its oldest automatic one is deleted first. Returns the
   * new snapshot's id.
   *
   * @param retentionDays -1 keeps it forever
   */
  String createAutoSnapshot(String accountId, String diskId, String policyId, int retentionDays);

  /** Deletes every snapshot whose retention has run out at {@code now}; returns their ids. */
  List<String> expireSnapshots(Instant now);
}
