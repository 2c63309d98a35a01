package io.ecsbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.client.PinningTrustManager.Decision;
import io.ecsbox.tls.Fingerprint;
import io.ecsbox.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinningTrustManagerTest {
  private static final Path TLS = Path.of("src/test/resources/tls");
  @TempDir Path dir;
  private final List<String> notices = new ArrayList<>();

  private static X509Certificate cert(String name) throws Exception {
    return Pem.certificates(TLS.resolve(name)).get(0);
  }

  private PinningTrustManager manager(Set<Fingerprint> trusted) {
    return new PinningTrustManager(PinningTrustManager.jdkDefault(), trusted,
        new KnownEndpoints(dir.resolve("ecsbox/known_endpoints")), "127.0.0.1:18443", notices::add);
  }

  @Test
  void theRule() {
    Fingerprint a = Fingerprint.parse("aa".repeat(32));
    Fingerprint b = Fingerprint.parse("bb".repeat(32));
    assertEquals(Decision.TRUSTED, PinningTrustManager.decide(a, Set.of(a), Optional.of(b)));
    assertEquals(Decision.FIRST_USE, PinningTrustManager.decide(a, Set.of(b), Optional.empty()));
    assertEquals(Decision.PINNED, PinningTrustManager.decide(a, Set.of(), Optional.of(a)));
    assertEquals(Decision.CHANGED, PinningTrustManager.decide(a, Set.of(), Optional.of(b)));
  }

  @Test
  void pinsOnFirstUseThenAcceptsTheSameAndRefusesAnother() throws Exception {
    X509Certificate ec = cert("ec-cert.pem");
    X509Certificate rsa = cert("rsa-cert.pem");
    manager(Set.of()).checkServerTrusted(new X509Certificate[] {ec}, "ECDHE_ECDSA");
    Path file = dir.resolve("ecsbox/known_endpoints");
    assertEquals("127.0.0.1:18443 " + Fingerprint.of(ec).hex() + "\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).contains(Fingerprint.of(ec).hex()), notices.get(0));
    manager(Set.of()).checkServerTrusted(new X509Certificate[] {ec}, "ECDHE_ECDSA");
    assertEquals(1, notices.size(), "a known certificate is not announced again");
    PinningTrustManager.CertificateChangedException e = assertThrows(
        PinningTrustManager.CertificateChangedException.class,
        () -> manager(Set.of()).checkServerTrusted(new X509Certificate[] {rsa}, "ECDHE_RSA"));
    assertTrue(e.getMessage().contains("delete the line for 127.0.0.1:18443 from " + file), e.getMessage());
    assertTrue(e.getMessage().contains(Fingerprint.of(rsa).hex()), e.getMessage());
    assertEquals(1, Files.readAllLines(file).size(), "a refused certificate is not recorded");
  }

  @Test
  void aConfiguredFingerprintIsTrustedWithoutPromptOrPin() throws Exception {
    X509Certificate rsa = cert("rsa-cert.pem");
    new KnownEndpoints(dir.resolve("ecsbox/known_endpoints")).add("127.0.0.1:18443",
        Fingerprint.parse("cc".repeat(32)));
    manager(Set.of(Fingerprint.of(rsa))).checkServerTrusted(new X509Certificate[] {rsa}, "ECDHE_RSA");
    assertTrue(notices.isEmpty());
    assertEquals(1, Files.readAllLines(dir.resolve("ecsbox/known_endpoints")).size());
  }

  @Test
  void knownEndpointsKeepsOneLinePerEndpointAndSkipsComments() throws Exception {
    Path file = dir.resolve("known");
    Files.writeString(file, "# pinned by ecsbox\nh:1 " + "AB".repeat(32) + "\n");
    KnownEndpoints k = new KnownEndpoints(file);
    assertEquals(Optional.of(Fingerprint.parse("ab".repeat(32))), k.get("h:1"));
    assertFalse(k.get("h:2").isPresent());
    assertFalse(k.get("#").isPresent());
  }
}
