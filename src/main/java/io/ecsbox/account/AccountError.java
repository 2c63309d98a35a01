package io.ecsbox.account;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the account rules refuse. */
public enum AccountError implements Condition {
  NOT_FOUND,
  NAME_MALFORMED,
  NAME_TAKEN,
  KEY_NOT_FOUND,
  /** The admin account must keep an AccessKey. */
  LAST_KEY;

  public static ServiceException notFound(String accountId) {
    return new ServiceException(NOT_FOUND, "The specified AccountId " + accountId + " does not exist.");
  }
}
