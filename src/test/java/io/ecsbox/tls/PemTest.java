package io.ecsbox.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PEM files under src/test/resources/tls are throwaway test keys made with openssl. */
class PemTest {
  private static final Path DIR = Path.of("src/test/resources/tls");
  @TempDir Path tmp;

  @Test
  void readsRsaAndEcPkcs8KeysAndTheirCertificates() throws IOException {
    assertEquals("RSA", Pem.privateKey(DIR.resolve("rsa-key.pem")).getAlgorithm());
    assertEquals("EC", Pem.privateKey(DIR.resolve("ec-key.pem")).getAlgorithm());
    ServerTls rsa = ServerTls.fromPem(DIR.resolve("rsa-cert.pem"), DIR.resolve("rsa-key.pem"));
    ServerTls ec = ServerTls.fromPem(DIR.resolve("ec-cert.pem"), DIR.resolve("ec-key.pem"));
    // what `openssl x509 -noout -fingerprint -sha256` printed for them
    assertEquals("25:8C:FB:C0:18:D1:E9:FA:33:C7:C6:7E:34:D2:78:7F:F2:9C:A8:A3:69:14:BA:C7:4E:90:89:81:7A:96:4E:7E",
        rsa.fingerprint().hex());
    assertEquals("FC:24:01:D6:67:D0:81:BB:21:E6:77:9B:1F:D3:17:6E:8D:62:7C:FD:D7:CC:67:A4:FC:79:85:71:BE:D6:E5:C0",
        ec.fingerprint().hex());
    assertEquals("TLS", ec.context().getProtocol());
  }

  @Test
  void pkcs1KeyIsRefusedWithTheConversionCommand() {
    Path pkcs1 = DIR.resolve("rsa-pkcs1-key.pem");
    Pem.PemException e = assertThrows(Pem.PemException.class, () -> Pem.privateKey(pkcs1));
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1), e.getMessage());
  }

  @Test
  void wrongFilesAreNamed() throws IOException {
    Path cert = DIR.resolve("rsa-cert.pem");
    Pem.PemException noKey = assertThrows(Pem.PemException.class, () -> Pem.privateKey(cert));
    assertTrue(noKey.getMessage().startsWith(cert + " holds no \"BEGIN PRIVATE KEY\""), noKey.getMessage());
    Pem.PemException noCert = assertThrows(Pem.PemException.class, () -> Pem.certificates(DIR.resolve("ec-key.pem")));
    assertTrue(noCert.getMessage().contains("no \"BEGIN CERTIFICATE\""), noCert.getMessage());
    Pem.PemException mismatch = assertThrows(Pem.PemException.class,
        () -> ServerTls.fromPem(DIR.resolve("rsa-cert.pem"), DIR.resolve("ec-key.pem")));
    assertTrue(mismatch.getMessage().contains("give the certificate's own key"), mismatch.getMessage());
    Pem.PemException otherEc = assertThrows(Pem.PemException.class,
        () -> ServerTls.fromPem(DIR.resolve("ec-cert.pem"), DIR.resolve("other-ec-key.pem")));
    assertTrue(otherEc.getMessage().contains("not the one of the certificate"), otherEc.getMessage());
    Path garbage = tmp.resolve("bad.pem");
    Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n");
    assertThrows(Pem.PemException.class, () -> Pem.certificates(garbage));
  }

  @Test
  void encodeRoundTrips() throws Exception {
    byte[] der = Pem.certificates(DIR.resolve("ec-cert.pem")).get(0).getEncoded();
    Path out = tmp.resolve("c.pem");
    Files.writeString(out, Pem.encode("CERTIFICATE", der));
    assertEquals(java.util.HexFormat.of().formatHex(der),
        java.util.HexFormat.of().formatHex(Pem.certificates(out).get(0).getEncoded()));
  }

  @Test
  void fingerprintParsesUsualSpellings() {
    Fingerprint f = Fingerprint.parse("SHA256:" + "ab".repeat(32));
    assertEquals(("AB:".repeat(32)).substring(0, 95), f.hex());
    assertEquals(f, Fingerprint.parse(f.hex().toLowerCase()));
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("AB:CD"));
  }
}
