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
      Credentials.bootstrap(accounts, dir, "http://127.0.0.1:1", "local-1",
          Optional.of(new DaemonConfig.AccessKey("LTAIfromenv", "s3cret")));
      Path file = dir.resolve(Credentials.FILE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      assertEquals("LTAIfromenv", json.path("AccessKeyId").asText());
      assertEquals("s3cret", accounts.key("LTAIfromenv").orElseThrow().secret());

      // A second start keeps the first key, whatever the environment says now.
      Credentials.bootstrap(accounts, dir, "http://127.0.0.1:1", "local-1",
          Optional.of(new DaemonConfig.AccessKey("LTAIother", "x")));
      assertTrue(accounts.key("LTAIother").isEmpty());
      assertEquals("LTAIfromenv", new ObjectMapper().readTree(file.toFile()).path("AccessKeyId").asText());
    }
  }

  @Test
  void withoutTheEnvironmentAKeyIsGenerated(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(dir.resolve("db"))) {
      AccountStore accounts = new AccountStore(db);
      Credentials.bootstrap(accounts, dir, "http://127.0.0.1:1", "local-1", Optional.empty());
      JsonNode json = new ObjectMapper().readTree(dir.resolve(Credentials.FILE).toFile());
      String id = json.path("AccessKeyId").asText();
      assertTrue(id.matches("LTAI[A-Za-z0-9]{20}"), id);
      assertEquals(json.path("AccessKeySecret").asText(), accounts.key(id).orElseThrow().secret());
    }
  }
}
