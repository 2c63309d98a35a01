package io.ecsbox.host.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetadataHttpTest {
  private static MetadataHttp.Request read(String raw) throws IOException {
    return MetadataHttp.read(in(raw), () -> 0L, 1L);
  }

  private static InputStream in(String raw) {
    return new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void parsesARequest() throws IOException {
    MetadataHttp.Request r = read("GET /latest/meta-data/network/interfaces/macs/00%3A16/?x=1 HTTP/1.1\r\n"
        + "Host: 100.100.100.200\r\nX-Aliyun-Ecs-Metadata-Token: abc\r\n\r\n");
    assertEquals("GET", r.method());
    assertEquals("/latest/meta-data/network/interfaces/macs/00:16/", r.path());
    assertEquals("abc", r.headers().get("x-aliyun-ecs-metadata-token"));
    assertEquals("PUT", read("PUT /latest/api/token HTTP/1.0\nContent-Length: 2\n\nab").method());
    assertNull(read(""));
  }

  @Test
  void refusesWhatItWillNotRead() {
    assertEquals(400, status("GARBAGE\r\n\r\n"));
    assertEquals(400, status("GET /x HTTP/1.1\r\nno colon\r\n\r\n"));
    assertEquals(400, status("GET /x HTTP/1.1\r\nHost: a\r\n"));
    assertEquals(400, status("PUT /x HTTP/1.1\r\nContent-Length: 99999\r\n\r\n"));
    assertEquals(400, status("PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
    assertEquals(431, status("GET /x HTTP/1.1\r\nA: " + "a".repeat(MetadataHttp.MAX_HEAD) + "\r\n\r\n"));
    MetadataHttp.BadRequest late = assertThrows(MetadataHttp.BadRequest.class,
        () -> MetadataHttp.read(in("GET / HTTP/1.1\r\n\r\n"), () -> 10L, 5L));
    assertEquals(408, late.status);
  }

  @Test
  void writesWithLengthAndClose() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MetadataHttp.write(out, MetadataReply.text("i-one"));
    String s = out.toString(StandardCharsets.ISO_8859_1);
    assertTrue(s.startsWith("HTTP/1.1 200 OK\r\n"), s);
    assertTrue(s.contains("Content-Length: 5\r\n") && s.contains("Connection: close\r\n"), s);
    assertTrue(s.endsWith("\r\n\r\ni-one"), s);
  }

  private static int status(String raw) {
    return assertThrows(MetadataHttp.BadRequest.class, () -> read(raw)).status;
  }
}
