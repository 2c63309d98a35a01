package io.ecsbox.keypair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.common.ServiceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and fingerprints of OpenSSH public keys, against the real ssh-keygen. */
class OpenSshKeyTest {
  @TempDir Path dir;

  private String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
    return out;
  }

  private String keygen(String type, String bits, String name) throws Exception {
    Path f = dir.resolve(name);
    if (bits == null) {
      run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "me@host", "-f", f.toString());
    } else {
      run("ssh-keygen", "-q", "-t", type, "-b", bits, "-N", "", "-C", "me@host", "-f", f.toString());
    }
    return Files.readString(dir.resolve(name + ".pub"));
  }

  // "2048 MD5:ab:cd:... comment (RSA)" -> "abcd..."
  private String md5(Path pub) throws Exception {
    String out = run("ssh-keygen", "-l", "-E", "md5", "-f", pub.toString());
    return out.split(" ")[1].substring("MD5:".length()).replace(":", "");
  }

  @Test
  void fingerprintsEqualSshKeygens() throws Exception {
    String[][] kinds = {{"rsa", "2048"}, {"rsa", "4096"}, {"ed25519", null}, {"ecdsa", "256"}, {"ecdsa", "384"},
        {"ecdsa", "521"}};
    for (String[] k : kinds) {
      String name = k[0] + k[1];
      OpenSshKey key = OpenSshKey.parse(keygen(k[0], k[1], name));
      assertEquals(md5(dir.resolve(name + ".pub")), key.fingerprint(), name);
      assertTrue(key.fingerprint().matches("[0-9a-f]{32}"));
    }
  }

  @Test
  void theJdksRsaKeyReadsBackInSshKeygen() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    OpenSshKey key = OpenSshKey.ofRsa((java.security.interfaces.RSAPublicKey) g.generateKeyPair().getPublic());
    Path f = dir.resolve("jdk.pub");
    Files.writeString(f, key.text() + "\n");
    assertEquals(md5(f), key.fingerprint());
    assertEquals(key.fingerprint(), OpenSshKey.parse(key.text()).fingerprint());
  }

  @Test
  void malformedKeysAreRefused() throws Exception {
    String good = keygen("ed25519", null, "e").strip();
    String rsa = keygen("rsa", "2048", "r").strip();
    String blob = good.split(" ")[1];
    byte[] raw = Base64.getDecoder().decode(blob);
    List<String> bad = List.of("", "   ", "ssh-ed25519", "ssh-ed25519 !!!notbase64", "ssh-rsa " + blob,
        "ssh-dss " + blob, "ssh-ed25519 " + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 40)),
        "ssh-ed25519 " + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length + 3)),
        good + "\n" + good, "-----BEGIN PUBLIC KEY-----", rsa.replace("ssh-rsa", "ecdsa-sha2-nistp256"));
    for (String b : bad) {
      ServiceException e = assertThrows(ServiceException.class, () -> OpenSshKey.parse(b), b);
      assertEquals(KeyPairError.PUBLIC_KEY_MALFORMED, e.condition(), b);
    }
  }

  @Test
  void randomDamageIsRefusedOrStillAWholeKey() throws Exception {
    String good = keygen("rsa", "2048", "fuzz").strip();
    byte[] raw = Base64.getDecoder().decode(good.split(" ")[1]);
    Random r = new Random(11);
    for (int i = 0; i < 2000; i++) {
      byte[] b = raw.clone();
      int cut = r.nextInt(4) == 0 ? r.nextInt(b.length) : b.length;
      for (int j = 0; j < 1 + r.nextInt(4); j++) {
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      }
      String text = "ssh-rsa " + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(b, cut));
      try {
        OpenSshKey k = OpenSshKey.parse(text);
        assertEquals("ssh-rsa", k.type()); // only damage inside the numbers can pass
      } catch (ServiceException e) {
        assertEquals(KeyPairError.PUBLIC_KEY_MALFORMED, e.condition());
      }
    }
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[r.nextInt(300)];
      r.nextBytes(junk);
      String text = new String(junk, StandardCharsets.ISO_8859_1);
      try {
        OpenSshKey.parse(text);
      } catch (ServiceException e) {
        assertEquals(KeyPairError.PUBLIC_KEY_MALFORMED, e.condition());
      }
    }
  }
}
