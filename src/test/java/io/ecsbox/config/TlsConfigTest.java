package io.ecsbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.config.DaemonConfig.Flags;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsConfigTest {
  private static Tls tls(Map<String, String> env) {
    return DaemonConfig.load(env, Flags.NONE).tls();
  }

  @Test
  void loopbackStaysPlainHttpByDefault() {
    assertEquals(Tls.Kind.PLAIN, tls(Map.of()).kind());
    assertEquals(Tls.Kind.PLAIN, tls(Map.of("ECSBOX_LISTEN", "[::1]:18080")).kind());
    assertEquals(Tls.Kind.PLAIN, tls(Map.of("ECSBOX_LISTEN", "127.0.0.2:18080")).kind());
  }

  @Test
  void nonLoopbackGetsTheSelfSignedCertificateUnlessFilesAreGiven() {
    assertEquals(Tls.Kind.SELF_SIGNED, tls(Map.of("ECSBOX_LISTEN", "0.0.0.0:18080")).kind());
    assertEquals(Tls.Kind.SELF_SIGNED, tls(Map.of("ECSBOX_LISTEN", "192.0.2.7:18080")).kind());
    Tls files = tls(Map.of("ECSBOX_LISTEN", "0.0.0.0:1", "ECSBOX_TLS_CERT", "/etc/c.pem", "ECSBOX_TLS_KEY", "k.pem"));
    assertEquals(Tls.Kind.FILES, files.kind());
    assertEquals(Path.of("/etc/c.pem"), files.cert().orElseThrow());
    assertTrue(files.key().orElseThrow().isAbsolute());
  }

  @Test
  void selfSignedCanBeAskedForOnLoopbackAndFlagsWinOverTheEnvironment() {
    assertEquals(Tls.Kind.SELF_SIGNED, tls(Map.of("ECSBOX_TLS", "Self-Signed")).kind());
    DaemonConfig c = DaemonConfig.load(Map.of("ECSBOX_TLS", "self-signed"),
        new Flags(null, null, null, null, "off", null, null, null));
    assertEquals(Tls.Kind.PLAIN, c.tls().kind());
  }

  @Test
  void plainHttpOffLoopbackIsRefusedUnlessTheOperatorInsists() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> tls(Map.of("ECSBOX_LISTEN", "0.0.0.0:18080", "ECSBOX_TLS", "off")));
    assertTrue(e.getMessage().contains("ECSBOX_TLS"), e.getMessage());
    assertTrue(e.getMessage().contains("ECSBOX_ALLOW_PLAIN_HTTP=true (--insecure-http)"), e.getMessage());
    assertEquals(Tls.Kind.PLAIN, tls(Map.of("ECSBOX_LISTEN", "0.0.0.0:18080", "ECSBOX_TLS", "off",
        "ECSBOX_ALLOW_PLAIN_HTTP", "true")).kind());
    DaemonConfig flagged = DaemonConfig.load(Map.of("ECSBOX_LISTEN", "0.0.0.0:18080"),
        new Flags(null, null, null, null, "off", null, null, "true"));
    assertEquals(Tls.Kind.PLAIN, flagged.tls().kind());
    assertEquals(Tls.Kind.PLAIN, tls(Map.of("ECSBOX_LISTEN", "0.0.0.0:18080", "ECSBOX_ALLOW_PLAIN_HTTP", "true"))
        .kind(), "insisting alone turns the self-signed default off");
    // on loopback, off needs no insisting
    assertEquals(Tls.Kind.PLAIN, tls(Map.of("ECSBOX_TLS", "off")).kind());
  }

  @Test
  void badCombinationsAreNamed() {
    ConfigException half = assertThrows(ConfigException.class, () -> tls(Map.of("ECSBOX_TLS_CERT", "/c.pem")));
    assertTrue(half.getMessage().contains("ECSBOX_TLS_KEY"), half.getMessage());
    ConfigException both = assertThrows(ConfigException.class, () -> tls(Map.of("ECSBOX_TLS", "off",
        "ECSBOX_TLS_CERT", "/c.pem", "ECSBOX_TLS_KEY", "/k.pem")));
    assertTrue(both.getMessage().contains("ECSBOX_TLS"), both.getMessage());
    assertThrows(ConfigException.class, () -> tls(Map.of("ECSBOX_TLS", "yes")));
    assertThrows(ConfigException.class, () -> tls(Map.of("ECSBOX_ALLOW_PLAIN_HTTP", "1")));
  }
}
