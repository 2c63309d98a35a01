package io.ecsbox.storage;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the disk rules refuse: unknown disks and zones, wrong states, sizes, categories and levels. */
public enum DiskError implements Condition {
  NOT_FOUND,
  /** The disk's status (or kind: system, detached) does not allow the operation. */
  INCORRECT_STATUS,
  /** A snapshot of the disk is being taken (CreateSnapshot). */
  CREATING_SNAPSHOT,
  /** An instance has (or would have) more data disks than it may. */
  TOO_MANY_DISKS,
  /** The disk and the instance are in different zones. */
  ZONE_MISMATCH,
  /** A category ecsbox does not know, for a data disk. */
  CATEGORY_UNSUPPORTED,
  /** A category ecsbox does not know, for a system disk. */
  SYSTEM_CATEGORY_UNSUPPORTED,
  /** A PerformanceLevel that is not PL0-PL3, or one on a category without levels. */
  PERFORMANCE_LEVEL_MALFORMED,
  /** A cloud_essd PL0 disk smaller than PL0's minimum. */
  PL0_SIZE_TOO_SMALL,
  /** A size below what the performance level needs (PL2, PL3). */
  LEVEL_SIZE_MISMATCH,
  /** A data disk size (or a new size) out of its range. */
  SIZE_UNSUPPORTED,
  /** A system disk size out of its range. */
  SYSTEM_SIZE_UNSUPPORTED;

  public static ServiceException notFound() {
    return new ServiceException(NOT_FOUND, "The specified disk does not exist.");
  }

  public static ServiceException incorrectStatus(String id, String status) {
    return new ServiceException(INCORRECT_STATUS,
        "The current status of disk " + id + " (" + status + ") does not support this operation.");
  }

  /** The disk refuses for a reason given in {@code message} (system disk, not attached, ...). */
  public static ServiceException incorrectStatus(String message) {
    return new ServiceException(INCORRECT_STATUS, message);
  }
}
