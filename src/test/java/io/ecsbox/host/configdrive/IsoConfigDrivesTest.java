package io.ecsbox.host.configdrive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IsoConfigDrivesTest {
  @Test
  void plainMetaData() {
    assertEquals("instance-id: i-bp1abc\nlocal-hostname: web-1\n",
        IsoConfigDrives.metaData("i-bp1abc", "web-1"));
    assertEquals("instance-id: i-1\nlocal-hostname: web.example.com\n",
        IsoConfigDrives.metaData("i-1", "web.example.com"));
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
}
