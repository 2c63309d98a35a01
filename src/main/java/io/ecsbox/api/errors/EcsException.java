package io.ecsbox.api.errors;

/**
 * An ECS error as the API answers it: code, HTTP status and message. Only {@code api/} makes
 * one: from a service's {@link io.ecsbox.common.ServiceException} through {@link ErrorCodes},
 * or for its own checks of a request (signature, parameters).
 */
public class EcsException extends RuntimeException {
  private final String code;
  private final int httpStatus;

  public EcsException(int httpStatus, String code, String message) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public EcsException(int httpStatus, String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public static EcsException missing(String param) {
    return new EcsException(400, "MissingParameter",
        "The input parameter \"" + param + "\" that is mandatory for processing this request is not supplied.");
  }

  public static EcsException invalid(String param, String why) {
    return new EcsException(400, "InvalidParameter", "The specified parameter \"" + param + "\" is not valid: " + why);
  }

  public static EcsException badRequest(String code, String message) {
    return new EcsException(400, code, message);
  }

  public static EcsException forbidden(String code, String message) {
    return new EcsException(403, code, message);
  }

  public static EcsException notFound(String code, String message) {
    return new EcsException(404, code, message);
  }

  public static EcsException incorrectInstanceStatus(String id, String status) {
    return new EcsException(403, "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation. (" + id + " is " + status + ")");
  }

  public static EcsException internal(String message, Throwable cause) {
    return new EcsException(500, "InternalError", message, cause);
  }
}
