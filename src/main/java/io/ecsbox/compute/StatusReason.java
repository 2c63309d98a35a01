package io.ecsbox.compute;

import java.time.Instant;

/**
 * Why the host, not the user, put an instance in its status: a start that failed on the host,
 * a guest killed from outside. {@code code} is the system event type (e.g.
 * {@code SystemFailure.Stop}); {@code message} says what happened in words a user can act on.
 */
public record StatusReason(String code, String message, Instant time) {
  /** The longest message kept: a host error can carry a whole QEMU log. */
  public static final int MAX_MESSAGE = 2000;

  public StatusReason {
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 1) + "…";
    }
  }
}
