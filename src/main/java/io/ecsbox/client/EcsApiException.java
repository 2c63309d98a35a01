package io.ecsbox.client;

/**
 * An ECS error answer, or a local failure before any answer: then {@code httpStatus} is 0 and
 * the code is {@code ConnectionFailed}, {@code RequestTimeout}, {@code InvalidResponse},
 * {@code Interrupted}, {@code MissingCredentials} or {@code InvalidConfig}. The message is
 * {@code Code: Message (RequestId …)}, ready to show to a user.
 */
public final class EcsApiException extends RuntimeException {
  private final int httpStatus;
  private final String code;
  private final String requestId;

  public EcsApiException(int httpStatus, String code, String message, String requestId) {
    this(httpStatus, code, message, requestId, null);
  }

  public EcsApiException(int httpStatus, String code, String message, String requestId, Throwable cause) {
    super(code + ": " + message + (requestId == null ? "" : " (RequestId " + requestId + ")"), cause);
    this.httpStatus = httpStatus;
    this.code = code;
    this.requestId = requestId;
  }

  /** The HTTP status of the answer, or 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  public String code() {
    return code;
  }

  /** The server's RequestId, or null when there was no (parseable) answer. */
  public String requestId() {
    return requestId;
  }
}
