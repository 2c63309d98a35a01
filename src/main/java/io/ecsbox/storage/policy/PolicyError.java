package io.ecsbox.storage.policy;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the automatic snapshot policy rules refuse. */
public enum PolicyError implements Condition {
  NOT_FOUND,
  /** The account has as many policies as it may. */
  QUOTA_EXCEEDED,
  NAME_MALFORMED,
  /** A value of a policy (time points, weekdays, retention, disk ids) is not valid. */
  VALUE_INVALID;

  public static ServiceException notFound(String policyId) {
    return new ServiceException(NOT_FOUND, "The specified AutoSnapshotPolicyId " + policyId + " does not exist.");
  }
}
