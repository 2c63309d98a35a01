package io.ecsbox.storage;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the snapshot rules refuse: unknown snapshots, wrong states, quotas and snapshots still in use. */
public enum SnapshotError implements Condition {
  NOT_FOUND,
  /** Still being taken, or failed. */
  INCORRECT_STATUS,
  /** A disk is reset to a snapshot that is not an accomplished snapshot of it. */
  NOT_OF_DISK,
  /** The disk has as many manual snapshots as it may. */
  QUOTA_EXCEEDED,
  /** Images were made from it (and Force is not given). */
  USED_BY_IMAGE,
  /** Disks were made from it (and Force is not given). */
  USED_BY_DISK,
  /** An image is made from a system disk's snapshot; this one is of a data disk. */
  NOT_OF_SYSTEM_DISK;

  public static ServiceException notFound(String id) {
    return new ServiceException(NOT_FOUND, "The specified snapshot " + id + " does not exist.");
  }
}
