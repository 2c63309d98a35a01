package io.ecsbox.host.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.exec.CommandRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keytool command line as text (TlsIT runs it). */
class SelfSignedCertificateTest {
  private final SelfSignedCertificate certs = new SelfSignedCertificate(new CommandRunner(), Path.of("/jdk/bin/keytool"));

  private String san(String... addresses) {
    List<String> argv = certs.argv(Path.of("/d/new.p12"), "pw", List.of(addresses));
    return argv.get(argv.indexOf("-ext") + 1);
  }

  @Test
  void namesLoopbackAndTheListenAddress() {
    assertEquals("SAN=dns:localhost,ip:127.0.0.1,ip:::1", san("127.0.0.1"));
    assertEquals("SAN=dns:localhost,ip:127.0.0.1,ip:::1,ip:192.0.2.7", san("192.0.2.7"));
    assertEquals("SAN=dns:localhost,ip:127.0.0.1,ip:::1,ip:fd00::5", san("fd00::5"));
    assertEquals("SAN=dns:localhost,ip:127.0.0.1,ip:::1,dns:box.lab", san("box.lab"));
    assertEquals("SAN=dns:localhost,ip:127.0.0.1,ip:::1,dns:cafe", san("cafe"));
    assertEquals("SAN=dns:localhost,ip:127.0.0.1,ip:::1", san("::"));
    assertEquals("SAN=dns:localhost,ip:127.0.0.1,ip:::1", san("0.0.0.0"), "the any address is no name");
  }

  @Test
  void anEcKeyInAPkcs12StoreFromTheJdksKeytool() {
    List<String> argv = certs.argv(Path.of("/d/new.p12"), "pw", List.of());
    assertEquals("/jdk/bin/keytool", argv.get(0));
    assertTrue(String.join(" ", argv).contains("-keyalg EC -groupname secp256r1"), argv.toString());
    assertTrue(String.join(" ", argv).contains("-storetype PKCS12 -keystore /d/new.p12"), argv.toString());
  }
}
