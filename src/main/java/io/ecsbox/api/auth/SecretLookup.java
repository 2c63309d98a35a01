package io.ecsbox.api.auth;

import java.util.Optional;

/**
 * Finds the secret of an AccessKey. Implemented by the account store; must be thread-safe
 * and should answer empty for disabled keys.
 */
@FunctionalInterface
public interface SecretLookup {
  /** The AccessKeySecret of {@code accessKeyId}, or empty if no such (enabled) key exists. */
  Optional<String> secretFor(String accessKeyId);
}
