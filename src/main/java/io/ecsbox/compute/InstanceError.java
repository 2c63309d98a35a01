package io.ecsbox.compute;
import io.ecsbox.common.ServiceException;
public enum InstanceError implements io.ecsbox.common.Condition { NOT_FOUND, INCORRECT_STATUS;
  public static ServiceException notFound() { return new ServiceException(NOT_FOUND, "The specified InstanceId does not exist."); }
  public static ServiceException incorrectStatus(String id, String status) { return new ServiceException(INCORRECT_STATUS, "The current status of the resource does not support this operation. (" + id + " is " + status + ")"); } }
