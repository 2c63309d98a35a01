package io.ecsbox.host.configdrive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoConfigDrivesTest {
  @Test
  void plainMetaData() {
    assertEquals("instance-id: i-bp1abc\nlocal-hostname: web-1\n",
        IsoConfigDrives.metaData("i-bp1abc", "web-1"));
    assertEquals("instance-id: i-1\nlocal-hostname: web.example.com\n",
        IsoConfigDrives.metaData("i-1", "web.example.com"));
  }

  @Test
  void publicKeysAreCloudInitsNoCloudList() {
    String ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    String rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7+/x==";
    assertEquals("instance-id: i-1\nlocal-hostname: web-1\npublic-keys:\n  - " + ed + "\n  - " + rsa + "\n",
        IsoConfigDrives.metaData("i-1", "web-1", List.of(ed, rsa)));
    assertEquals(IsoConfigDrives.metaData("i-1", "web-1"), IsoConfigDrives.metaData("i-1", "web-1", List.of()),
        "no key: no list");
    assertEquals("instance-id: i-1\nlocal-hostname: h1\npublic-keys:\n  - \"ssh-rsa AAAA\\u000ainstance-id: x\"\n",
        IsoConfigDrives.metaData("i-1", "h1", List.of("ssh-rsa AAAA\ninstance-id: x")),
        "anything but type and base64 is quoted, so it cannot add YAML keys");
  }

  @Test
  void quotesWhatYamlWouldReadAsSomethingElse() {
    assertEquals("\"123\"", IsoConfigDrives.yamlScalar("123", "h"));
    assertEquals("\"1e3\"", IsoConfigDrives.yamlScalar("1e3", "h"));
    assertEquals("\"yes\"", IsoConfigDrives.yamlScalar("yes", "h"));
    assertEquals("\"NULL\"", IsoConfigDrives.yamlScalar("NULL", "h"));
    assertEquals("\"a: b # c\"", IsoConfigDrives.yamlScalar("a: b # c", "h"));
    assertEquals("\"-x\"", IsoConfigDrives.yamlScalar("-x", "h"));
  }

  @Test
  void escapesQuotesBackslashesAndLineBreaks() {
    assertEquals("\"a\\\"b\\\\c\\u000ainstance-id: x\"",
        IsoConfigDrives.yamlScalar("a\"b\\c\ninstance-id: x", "h"));
    assertEquals("\"a\\u2028b\"", IsoConfigDrives.yamlScalar("a\u2028b", "h"));
  }

  @Test
  void refusesBlankValues() {
    assertThrows(IllegalArgumentException.class, () -> IsoConfigDrives.metaData("i-1", " "));
    assertThrows(IllegalArgumentException.class, () -> IsoConfigDrives.metaData(null, "h"));
  }

  @Test
  void removeAlsoDeletesWhatAnInterruptedWriteLeft(@TempDir Path dir) throws IOException {
    Path iso = dir.resolve("config.iso");
    Files.writeString(iso, "iso");
    Files.writeString(dir.resolve("config.iso.part"), "part");
    Path stage = Files.createDirectory(dir.resolve(".cidata-123"));
    Files.writeString(stage.resolve("user-data"), "secret");
    Files.writeString(dir.resolve("console.log"), "not the drive's");
    new IsoConfigDrives(new CommandRunner()).remove(iso);
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of("console.log"), left.map(p -> p.getFileName().toString()).toList());
    }
    new IsoConfigDrives(new CommandRunner()).remove(iso); // idempotent
  }
}
