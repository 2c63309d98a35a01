package io.ecsbox.keypair;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the key pair actions refuse. */
public enum KeyPairError implements Condition {
  /** No key pair of that name in the caller's account. */
  NOT_FOUND,
  /** The account already has a key pair of that name. */
  NAME_TAKEN,
  /** A name that breaks ECS's rules. */
  NAME_MALFORMED,
  /** A public key that is not an OpenSSH key of a supported type. */
  PUBLIC_KEY_MALFORMED,
  /** The account holds {@link KeyPairService#MAX_PER_ACCOUNT} key pairs already. */
  QUOTA_EXCEEDED,
  /** The key pair is bound to an instance (DeleteKeyPairs refuses it, as ECS). */
  IN_USE,
  /** DetachKeyPair of an instance that is not bound to that key pair. */
  NOT_BOUND;

  /** No key pair of that name in the caller's account. */
  public static ServiceException notFound(String name) {
    return new ServiceException(NOT_FOUND, "The specified KeyPairName " + name + " does not exist.");
  }

  static ServiceException taken(String name) {
    return new ServiceException(NAME_TAKEN, "The key pair " + name + " already exists.");
  }

  static ServiceException nameMalformed(String name) {
    return new ServiceException(NAME_MALFORMED, "The specified KeyPairName " + name + " is not valid: 2-128"
        + " characters, starting with a letter, of letters, digits and : _ . -.");
  }

  static ServiceException keyMalformed(String why) {
    return new ServiceException(PUBLIC_KEY_MALFORMED, "The specified PublicKeyBody is not a valid OpenSSH"
        + " public key (ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521): " + why);
  }

  static ServiceException inUse(String name, String instanceId) {
    return new ServiceException(IN_USE, "The key pair " + name + " is bound to instance " + instanceId
        + " (and perhaps others); detach it (DetachKeyPair) before deleting it.");
  }

  public static ServiceException notBound(String name, String instanceId) {
    return new ServiceException(NOT_BOUND, "The instance " + instanceId + " is not bound to key pair " + name + ".");
  }

  static ServiceException quota() {
    return new ServiceException(QUOTA_EXCEEDED, "The account already has " + KeyPairService.MAX_PER_ACCOUNT
        + " key pairs in this region.");
  }
}
