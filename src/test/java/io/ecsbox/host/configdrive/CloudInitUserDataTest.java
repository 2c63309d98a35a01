package io.ecsbox.host.configdrive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CloudInitUserDataTest {
  private static final String HASH = "$6$abcdefghABCDEFGH$" + "x".repeat(86);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // A part's headers (lower-cased names) and body.
  private static String headers(byte[] part) {
    String s = new String(part, StandardCharsets.ISO_8859_1);
    return s.substring(0, s.indexOf("\n\n"));
  }

  private static byte[] body(byte[] part) {
    String s = new String(part, StandardCharsets.ISO_8859_1);
    return Arrays.copyOfRange(part, s.indexOf("\n\n") + 2, part.length);
  }

  @Test
  void thePasswordConfigIsCloudInitsChpasswd() {
    assertEquals("#cloud-config\nchpasswd:\n  expire: false\n  users:\n  - {name: root, password: '" + HASH
        + "', type: hash}\nssh_pwauth: true\n", CloudInitUserData.passwordConfig(HASH));
    assertThrows(IllegalArgumentException.class, () -> CloudInitUserData.passwordConfig("Plain-Text1"),
        "only a hash goes into a guest");
  }

  @Test
  void aScriptBecomesItsOwnPartByteForByte() {
    byte[] script = bytes("#!/bin/sh\necho hi\n\n");
    byte[] mime = CloudInitUserData.withPassword(script, HASH);
    String text = new String(mime, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("Content-Type: multipart/mixed; boundary=\""), text);
    assertTrue(text.substring(0, 200).contains("\nMIME-Version: 1.0\n"), "cloud-init looks for MIME-Version");
    List<byte[]> parts = CloudInitUserData.mimeParts(mime);
    assertEquals(2, parts.size());
    assertTrue(headers(parts.get(0)).startsWith("Content-Type: text/cloud-config"));
    assertTrue(headers(parts.get(0)).contains("Merge-Type: " + CloudInitUserData.MERGE));
    assertEquals(CloudInitUserData.passwordConfig(HASH), new String(body(parts.get(0)), StandardCharsets.US_ASCII));
    assertTrue(headers(parts.get(1)).startsWith("Content-Type: text/x-shellscript"));
    assertArrayEquals(script, body(parts.get(1)));
    assertTrue(text.endsWith("--\n"));
  }

  @Test
  void noUserDataIsThePasswordPartAlone() {
    assertEquals(1, CloudInitUserData.mimeParts(CloudInitUserData.withPassword(new byte[0], HASH)).size());
  }

  @Test
  void typesAsCloudInitDoes() throws Exception {
    assertEquals("text/cloud-config", CloudInitUserData.contentType(bytes("#cloud-config\nchpasswd: {}\n")));
    assertEquals("text/cloud-config-archive", CloudInitUserData.contentType(bytes("#cloud-config-archive\n")));
    assertEquals("text/x-include-url", CloudInitUserData.contentType(bytes("#include\nhttp://x\n")));
    assertEquals("text/x-include-once-url", CloudInitUserData.contentType(bytes("#include-once\nhttp://x\n")));
    assertEquals("text/cloud-boothook", CloudInitUserData.contentType(bytes("#cloud-boothook\n")));
    assertEquals("text/x-shellscript", CloudInitUserData.contentType(bytes("#!/usr/bin/env python3\n")));
    assertEquals("text/plain", CloudInitUserData.contentType(bytes("just words\n")));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(bytes("#cloud-config\n"));
    }
    assertEquals("text/cloud-config", CloudInitUserData.contentType(gz.toByteArray()), "gzip: by what it holds");
    assertNull(CloudInitUserData.mimeParts(bytes("#!/bin/sh\n")));
  }

  @Test
  void aUsersOwnMultipartHasItsPartsCarriedOverUnchanged() {
    String p1 = "Content-Type: text/cloud-config\r\n\r\n#cloud-config\r\nruncmd: [ls]\r\n";
    String p2 = "Content-Type: text/x-shellscript\n\n#!/bin/sh\necho two\n";
    byte[] own = bytes("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XyZ\n\n--XyZ\n" + p1
        + "\r\n--XyZ\n" + p2 + "\n--XyZ--\n");
    List<byte[]> parts = CloudInitUserData.mimeParts(CloudInitUserData.withPassword(own, HASH));
    assertEquals(3, parts.size());
    assertEquals(p1, new String(parts.get(1), StandardCharsets.UTF_8));
    assertEquals(p2, new String(parts.get(2), StandardCharsets.UTF_8));
  }

  @Test
  void theBoundaryIsInNoPart() {
    byte[] mime = CloudInitUserData.withPassword(bytes("#!/bin/sh\necho ==ecsbox-\n"), HASH);
    String text = new String(mime, StandardCharsets.US_ASCII);
    String boundary = text.substring(text.indexOf("boundary=\"") + 10, text.indexOf("\"\n"));
    assertEquals(5, text.split(java.util.regex.Pattern.quote(boundary), -1).length,
        "only in the header, before the 2 parts and at the close");
  }
}
