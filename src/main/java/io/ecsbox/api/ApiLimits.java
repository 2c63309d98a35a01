package io.ecsbox.api;

/**
 * What one request may be at the HTTP edge: body size, parameter count, and how often an
 * account may call ({@link Throttle}). Beyond them the answer is an ECS error, never a reset.
 *
 * @param maxBodyBytes  a form body larger than this is refused (400 InvalidParameter)
 * @param maxParameters a request with more query and form parameters than this is refused
 */
public record ApiLimits(int maxBodyBytes, int maxParameters, Throttle throttle) {
  public static final int BODY_BYTES = 4 << 20;
  public static final int PARAMETERS = 1000;

  public ApiLimits {
    if (maxBodyBytes < 1 || maxParameters < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The daemon's body and parameter limits with {@code throttle}. */
  public static ApiLimits of(Throttle throttle) {
    return new ApiLimits(BODY_BYTES, PARAMETERS, throttle);
  }
}
