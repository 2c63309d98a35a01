package io.ecsbox.compute;

import io.ecsbox.common.Generic;
import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the instance lifecycle refuses. */
public enum InstanceError implements Condition {
  NOT_FOUND,
  INCORRECT_STATUS,
  /** ModifyInstanceSpec to the type the instance has. */
  TYPE_UNCHANGED,
  /** A Password that breaks ECS's rules ({@link RootPassword}). */
  PASSWORD_MALFORMED;

  public static ServiceException notFound() {
    return new ServiceException(NOT_FOUND, "The specified InstanceId does not exist.");
  }

  public static ServiceException incorrectStatus(String id, String status) {
    return new ServiceException(INCORRECT_STATUS,
        "The current status of the resource does not support this operation. (" + id + " is " + status + ")");
  }

  public static ServiceException zoneNotFound(String zoneId) {
    return new ServiceException(Generic.ZONE_NOT_FOUND, "The specified zone " + zoneId + " does not exist.");
  }
}
