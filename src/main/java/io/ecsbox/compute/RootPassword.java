package io.ecsbox.compute;

import io.ecsbox.common.ServiceException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * The instance password rules of ECS, and the only form ecsbox keeps of a password: a SHA-512
 * crypt hash ({@code $6$salt$…}, what {@code chpasswd -e} and cloud-init's {@code type: hash}
 * take). The plaintext is checked, hashed and dropped; it is never stored nor logged.
 */
public final class RootPassword {
  /** ECS's special characters. */
  static final String SPECIAL = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";
  private static final String SALT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private RootPassword() {}

  /** The SHA-512 crypt hash of {@code password} with a random 16-character salt; refuses one ECS would. */
  public static String hash(String password) {
    check(password);
    StringBuilder salt = new StringBuilder("$6$");
    for (int i = 0; i < 16; i++) {
      salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
    }
    return Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), salt.toString());
  }

  /** Refuses (InstanceError.PASSWORD_MALFORMED) a password that breaks ECS's rules; the message never repeats it. */
  static void check(String password) {
    if (password == null || password.length() < 8 || password.length() > 30) {
      throw malformed();
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean special = false;
    for (char c : password.toCharArray()) {
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else if (SPECIAL.indexOf(c) >= 0) {
        special = true;
      } else {
        throw malformed();
      }
    }
    if ((upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0) < 3) {
      throw malformed();
    }
  }

  private static ServiceException malformed() {
    return new ServiceException(InstanceError.PASSWORD_MALFORMED, "The specified Password is not valid: 8-30 characters with at"
        + " least three of upper-case letters, lower-case letters, digits and special characters "
        + SPECIAL + " (and no others).");
  }
}
