package io.ecsbox.cli;

/** A {@link Waiter} deadline passed before the condition held; the CLI exits with code 4. */
public final class WaitTimeoutException extends RuntimeException {
  public WaitTimeoutException(String message) {
    super(message);
  }
}
