package io.ecsbox.agent;

import java.util.List;

/**
 * How a guest lets its owner in, as fixed at its last start: the OpenSSH public key lines
 * ({@code type base64}) of its key pair, and the root password as a SHA-512 crypt hash
 * ({@code $6$…}; null: the image's own). Never a plaintext password.
 */
public record GuestAccess(List<String> publicKeys, String passwordHash) {
  /** No key and the image's own password. */
  public static final GuestAccess NONE = new GuestAccess(List.of(), null);

  public GuestAccess {
    publicKeys = publicKeys == null ? List.of() : List.copyOf(publicKeys);
  }
}
