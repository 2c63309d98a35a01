package io.ecsbox.common;

/** The conditions every capability meets. */
public enum Generic implements Condition {
  /** A parameter the call needs is not given ({@link ServiceException#field}). */
  MISSING_PARAMETER,
  /** A parameter's value is not valid ({@link ServiceException#field}). */
  INVALID_PARAMETER,
  /** A valid value ecsbox does not support. */
  NOT_SUPPORTED,
  /** Two parameters that exclude each other are both given. */
  CONFLICTING_PARAMETERS,
  /** A retried ClientToken comes with other parameters than the first call. */
  IDEMPOTENT_MISMATCH,
  /** A zone that is not one of the region's. */
  ZONE_NOT_FOUND,
  /** The host (or the pool) has no room for what is asked. */
  NO_STOCK,
  /** Another change of the same resource is under way. */
  OPERATION_CONFLICT,
  /** The resource still has dependents (the message names the first). */
  DEPENDENCY_VIOLATION,
  /** The caller may not do this. */
  FORBIDDEN,
  /** The service or the host failed; the change is not made (or is repaired later). */
  INTERNAL
}
