package io.ecsbox.common;

/**
 * A service refused a call, or the host failed it: the {@link Condition}, the parameter it is
 * about (when one is), and a message for people. Services throw it; {@code api/} alone turns it
 * into an ECS error (code and HTTP status).
 */
public class ServiceException extends RuntimeException {
  private final Condition condition;
  private final String field;

  public ServiceException(Condition condition, String message) {
    this(condition, null, message, null);
  }

  public ServiceException(Condition condition, String message, Throwable cause) {
    this(condition, null, message, cause);
  }

  private ServiceException(Condition condition, String field, String message, Throwable cause) {
    super(message, cause);
    if (condition == null) {
      throw new IllegalArgumentException("a ServiceException needs a condition");
    }
    this.condition = condition;
    this.field = field;
  }

  public Condition condition() {
    return condition;
  }

  /** The parameter the condition is about, or null. */
  public String field() {
    return field;
  }

  /** {@code param} is mandatory and not given. */
  public static ServiceException missing(String param) {
    return new ServiceException(Generic.MISSING_PARAMETER, param,
        "The input parameter \"" + param + "\" that is mandatory for processing this request is not supplied.", null);
  }

  /** {@code param}'s value is not valid, for the reason {@code why}. */
  public static ServiceException invalid(String param, String why) {
    return new ServiceException(Generic.INVALID_PARAMETER, param,
        "The specified parameter \"" + param + "\" is not valid: " + why, null);
  }

  /** The service or the host failed. */
  public static ServiceException internal(String message, Throwable cause) {
    return new ServiceException(Generic.INTERNAL, null, message, cause);
  }
}
