package io.ecsbox.store;

/** A failure of the state store (I/O, corruption, constraint). */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
