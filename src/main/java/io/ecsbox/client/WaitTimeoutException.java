package io.ecsbox.client;

/** A wait's deadline passed before the condition held (CLI or benchmark); the CLI exits with code 4. */
public final class WaitTimeoutException extends RuntimeException {
  public WaitTimeoutException(String message) {
    super(message);
  }
}
