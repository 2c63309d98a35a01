package io.ecsbox.storage;

import io.ecsbox.common.HttpUrls;
import io.ecsbox.agent.Checksum;
import io.ecsbox.host.files.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.agent.Checksum;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ImageChecksumTest {
  private static final String SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String SHA512 = "a".repeat(128);

  @Test
  void parsesTheThreeForms() {
    Checksum a = Checksum.parse("sha256:" + SHA256.toUpperCase());
    assertEquals("sha256", a.algorithm());
    assertEquals(SHA256, a.hex());
    assertEquals("SHA-256", a.jreAlgorithm());
    assertEquals("sha256:" + SHA256, a.spec());
    assertEquals("SHA-512", Checksum.parse("SHA512:" + SHA512).jreAlgorithm());
    Checksum list = Checksum.parse("file:https://example.org/x/SHA256SUMS");
    assertTrue(list.isList());
    assertEquals(URI.create("https://example.org/x/SHA256SUMS"), list.list());
    assertEquals(list, Checksum.parse(list.spec()));
  }

  @Test
  void refusesBadSpecsSayingWhy() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Checksum.parse("md5:abc")).getMessage()
        .contains("sha256:HEX"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Checksum.parse("sha256:abc")).getMessage()
        .contains("64 hex digits"));
    assertThrows(IllegalArgumentException.class, () -> Checksum.parse("sha512:" + SHA256));
    assertThrows(IllegalArgumentException.class, () -> Checksum.parse("file:/etc/SHA256SUMS"));
    assertThrows(IllegalArgumentException.class, () -> Checksum.parse(SHA256));
    assertThrows(IllegalArgumentException.class, () -> Checksum.sha256("xyz"));
  }

  @Test
  void picksTheLineOfTheFileFromGnuAndBsdLists() {
    Checksum list = Checksum.parse("file:https://example.org/SUMS");
    String gnu = "0000000000000000000000000000000000000000000000000000000000000000 *other.img\n"
        + SHA256 + " *ubuntu-24.04-server-cloudimg-amd64.img\r\n"
        + SHA512 + "  ./debian.qcow2\n";
    assertEquals(Checksum.sha256(SHA256), list.pick(gnu, "ubuntu-24.04-server-cloudimg-amd64.img"));
    assertEquals(Checksum.parse("sha512:" + SHA512), list.pick(gnu, "debian.qcow2"));
    assertEquals(Checksum.sha256(SHA256), list.pick("SHA256 (a.qcow2) = " + SHA256 + "\n", "a.qcow2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> list.pick(gnu, "missing.img")).getMessage()
        .contains("has no line for missing.img"));
  }

  @Test
  void verifyNamesBothDigests() {
    Checksum c = Checksum.sha256(SHA256);
    assertDoesNotThrow(() -> c.verify(SHA256.toUpperCase()));
    IOException e = assertThrows(IOException.class, () -> c.verify("0".repeat(64)));
    assertEquals("SHA256 mismatch: expected " + SHA256 + ", got " + "0".repeat(64), e.getMessage());
  }

  @Test
  void urlsAreRecognised() {
    assertTrue(HttpUrls.isUrl("HTTPS://x/y"));
    assertEquals(false, HttpUrls.isUrl("/srv/http/x.qcow2"));
    assertThrows(IllegalArgumentException.class, () -> HttpUrls.httpUrl("http:///nohost"));
    assertThrows(IllegalArgumentException.class, () -> HttpUrls.httpUrl("ftp://x/y"));
    assertThrows(IllegalArgumentException.class, () -> HttpUrls.httpUrl("http://x/a b"));
  }
}
