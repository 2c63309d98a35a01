package io.ecsbox.storage;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the image rules refuse: unknown or foreign images, wrong states, sharing and import sources. */
public enum ImageError implements Condition {
  /** Unknown, or not the caller's to use or change (the message says which). */
  NOT_FOUND,
  /** Not Available (still being made, or failed). */
  INCORRECT_STATUS,
  /** Deleted while it is still being imported. */
  IMPORTING,
  /** Deleted without Force while instances or disks were made from it. */
  USED_BY_INSTANCE,
  /** Deleted without Force while shared. */
  SHARED,
  /** The owner names itself in AddAccount.N or RemoveAccount.N. */
  SHARE_WITH_SELF,
  /** Shared with more accounts than an image may be. */
  TOO_MANY_SHARES,
  NAME_MALFORMED,
  /** The file to import does not exist on the host or cannot be read. */
  SOURCE_NOT_FOUND;

  /** {@code why} (may be empty) follows the message. */
  public static ServiceException notFound(String why) {
    return new ServiceException(NOT_FOUND, "The specified ImageId does not exist." + why);
  }
}
