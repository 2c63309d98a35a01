package io.ecsbox.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.common.ServiceException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;

class RootPasswordTest {
  @Test
  void acceptsThreeOfFourClassesWithin8To30() {
    for (String ok : new String[] {"Abcdefg1", "abcdef1!", "ABCDEF1(", "Ab!Ab!Ab", "Aa1" + "x".repeat(27),
        "Aa1" + RootPassword.SPECIAL.substring(0, 27)}) {
      RootPassword.check(ok);
    }
  }

  @Test
  void refusesWhatEcsRefusesWithoutRepeatingIt() {
    for (String bad : new String[] {"Abcdef1", "Aa1" + "x".repeat(28), "abcdefgh1", "ABCDEFGH!", "Abcdefgh",
        "Abcdef1 x", "Abcdef1\"x", "Abcdéf1!x", ""}) {
      ServiceException e = assertThrows(ServiceException.class, () -> RootPassword.hash(bad), bad);
      assertEquals(InstanceError.PASSWORD_MALFORMED, e.condition());
      assertFalse(!bad.isEmpty() && e.getMessage().contains(bad), "the message never repeats the password");
    }
  }

  @Test
  void theHashIsASaltedSha512CryptThatVerifies() {
    String h1 = RootPassword.hash("Ecsbox-Pass1");
    String h2 = RootPassword.hash("Ecsbox-Pass1");
    assertTrue(h1.matches("\\$6\\$[./A-Za-z0-9]{16}\\$[./A-Za-z0-9]{86}"), h1);
    assertNotEquals(h1, h2, "a fresh salt each time");
    assertEquals(h1, Sha2Crypt.sha512Crypt("Ecsbox-Pass1".getBytes(StandardCharsets.UTF_8), h1));
    assertFalse(h1.contains("Ecsbox-Pass1"));
  }
}
