package io.ecsbox.keypair;

import static io.ecsbox.TestErrors.thrown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key pair rules on a real store: names, duplicates, per account, all-or-nothing delete. */
class KeyPairServiceTest {
  private static final String ED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL93o9bW/qE3N4rNLoFj27SI7jf9EalO2iFIgoY5q4bk";
  @TempDir Path dir;
  private Database db;
  private KeyPairService keys;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    keys = new KeyPairService(new KeyPairStore(db),
        Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void createdKeyIsAValidPemWhosePublicPartIsStored() throws Exception {
    KeyPairService.Created c = keys.create("acc-a", "web-key");
    assertTrue(c.keyPair().id().startsWith("kp-"));
    assertTrue(c.privateKeyPem().startsWith("-----BEGIN RSA PRIVATE KEY-----\n"), c.privateKeyPem());
    Path pem = dir.resolve("k.pem");
    Files.writeString(pem, c.privateKeyPem());
    Files.setPosixFilePermissions(pem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Process p = new ProcessBuilder("ssh-keygen", "-y", "-f", pem.toString()).start();
    String pub = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals(OpenSshKey.parse(pub).fingerprint(), c.keyPair().fingerprint());
    assertEquals(pub.split(" ")[1], keys.list("acc-a").get(0).publicKey().split(" ")[1]);
  }

  @Test
  void namesFollowEcsRules() {
    for (String bad : new String[] {"a", "1abc", "-abc", "a b", "a/b", "https://x", "x".repeat(129), ""}) {
      assertEquals("InvalidKeyPairName.Malformed", thrown(() -> keys.importKey("acc-a", bad, ED)).code(), bad);
    }
    keys.importKey("acc-a", "ab", ED);
    keys.importKey("acc-a", "A:b_c.d-e", ED);
    keys.importKey("acc-a", "x".repeat(128), ED);
    assertEquals(3, keys.list("acc-a").size());
  }

  @Test
  void duplicateNameAndBadKeyChangeNothing() {
    keys.importKey("acc-a", "k1", ED);
    assertEquals("KeyPair.AlreadyExist", thrown(() -> keys.create("acc-a", "k1")).code());
    assertEquals("InvalidPublicKeyBody.Malformed", thrown(() -> keys.importKey("acc-a", "k2", "ssh-rsa AAAA")).code());
    assertEquals(List.of("k1"), keys.list("acc-a").stream().map(KeyPair::name).toList());
    keys.importKey("acc-b", "k1", ED); // another account's name space
    assertEquals(1, keys.list("acc-b").size());
  }

  @Test
  void deleteIsPerAccountAndAllOrNothing() {
    keys.importKey("acc-a", "k1", ED);
    keys.importKey("acc-a", "k2", ED);
    keys.importKey("acc-b", "k3", ED);
    assertEquals("InvalidKeyPairName.NotFound", thrown(() -> keys.delete("acc-a", List.of("k1", "k3"))).code());
    assertEquals(2, keys.list("acc-a").size());
    assertEquals("InvalidKeyPairName.NotFound", thrown(() -> keys.delete("acc-b", List.of("k1"))).code());
    keys.delete("acc-a", List.of("k1", "k2", "k1"));
    assertEquals(0, keys.list("acc-a").size());
    assertEquals(1, keys.list("acc-b").size());
  }

  @Test
  void quotaIs500() {
    for (int i = 0; i < KeyPairService.MAX_PER_ACCOUNT; i++) {
      keys.importKey("acc-a", "k" + i, ED);
    }
    assertEquals("QuotaExceed.KeyPair", thrown(() -> keys.importKey("acc-a", "one-more", ED)).code());
    keys.importKey("acc-b", "k0", ED);
  }
}
