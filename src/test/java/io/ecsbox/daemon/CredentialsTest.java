package io.ecsbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.account.AccountStore;
import io.ecsbox.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.ecsbox.config.DaemonConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @Test
  void firstStartTakesTheKeyFromTheEnvironmentAndWritesA0600File(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(dir.resolve("db"))) {
      AccountStore accounts = new AccountStore(db);
      Credentials.bootstrap(accounts, dir, "local-1",
          Optional.of(new DaemonConfig.AccessKey("LTAIfromenv", "s3cret")));
      Path file = dir.resolve(Credentials.FILE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      assertEquals("LTAIfromenv", json.path("AccessKeyId").asText());
      assertEquals("s3cret", accounts.key("LTAIfromenv").orElseThrow().secret());

      // A second start keeps the first key, whatever the environment says now.
      Credentials.bootstrap(accounts, dir, "local-1",
          Optional.of(new DaemonConfig.AccessKey("LTAIother", "x")));
      assertTrue(accounts.key("LTAIother").isEmpty());
      assertEquals("LTAIfromenv", new ObjectMapper().readTree(file.toFile()).path("AccessKeyId").asText());
    }
  }

  @Test
  void withoutTheEnvironmentAKeyIsGenerated(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(dir.resolve("db"))) {
      AccountStore accounts = new AccountStore(db);
      Credentials.bootstrap(accounts, dir, "local-1", Optional.empty());
      JsonNode json = new ObjectMapper().readTree(dir.resolve(Credentials.FILE).toFile());
      String id = json.path("AccessKeyId").asText();
      assertTrue(id.matches("LTAI[A-Za-z0-9]{20}"), id);
      assertEquals(json.path("AccessKeySecret").asText(), accounts.key(id).orElseThrow().secret());
    }
  }

  @Test
  void eachStartRecordsTheEndpointAndTheCertificateItServes(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(dir.resolve("db"))) {
      Credentials.bootstrap(new AccountStore(db), dir, "local-1", Optional.empty());
      Path file = dir.resolve(Credentials.FILE);
      io.ecsbox.tls.Fingerprint f = io.ecsbox.tls.Fingerprint.parse("ab".repeat(32));
      Credentials.recordEndpoint(dir, "https://127.0.0.1:18443", Optional.of(f));
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      assertEquals("https://127.0.0.1:18443", json.path("Endpoint").asText());
      assertEquals(f.hex(), json.path("CertificateSha256").asText());
      assertTrue(json.path("AccessKeyId").asText().startsWith("LTAI"), "the key stays");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      Credentials.recordEndpoint(dir, "http://127.0.0.1:18080", Optional.empty());
      json = new ObjectMapper().readTree(file.toFile());
      assertEquals("http://127.0.0.1:18080", json.path("Endpoint").asText());
      assertTrue(json.path("CertificateSha256").isMissingNode());
    }
  }

  @Test
  void anAnyAddressListenerIsReachedOnLoopback() {
    assertEquals("https://127.0.0.1:18080", Daemon.endpoint("https", "0.0.0.0", 18080));
    assertEquals("http://[::1]:1", Daemon.endpoint("http", "::", 1));
    assertEquals("https://[fd00::5]:2", Daemon.endpoint("https", "fd00::5", 2));
    assertEquals("http://10.0.0.5:3", Daemon.endpoint("http", "10.0.0.5", 3));
  }
}
