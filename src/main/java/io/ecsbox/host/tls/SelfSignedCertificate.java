package io.ecsbox.host.tls;

import io.ecsbox.common.Ids;
import io.ecsbox.common.PrivateFiles;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.tls.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The API's self-signed certificate: made once, with the JDK's {@code keytool} (no extra
 * library, and the JDK that runs ecsbox has it), as {@code cert.pem} and {@code key.pem}
 * (PKCS#8, mode 0600) in a 0700 directory; later starts reuse them. An EC P-256 key, valid ten
 * years, for {@code localhost}, 127.0.0.1, ::1 and the addresses given.
 */
public final class SelfSignedCertificate {
  public static final String CERT = "cert.pem";
  public static final String KEY = "key.pem";
  private static final String ALIAS = "ecsbox";
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final CommandRunner runner;
  private final Path keytool;

  public SelfSignedCertificate(CommandRunner runner) {
    this(runner, Path.of(System.getProperty("java.home"), "bin", "keytool"));
  }

  SelfSignedCertificate(CommandRunner runner, Path keytool) {
    this.runner = runner;
    this.keytool = keytool;
  }

  /**
   * The certificate and key in {@code dir}, made when either is missing.
   *
   * @param addresses IP addresses (besides loopback) the certificate names, e.g. the listen address
   * @return {cert.pem, key.pem}
   */
  public List<Path> ensure(Path dir, List<String> addresses) throws IOException {
    Path cert = dir.resolve(CERT);
    Path key = dir.resolve(KEY);
    if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
      return List.of(cert, key);
    }
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path store = dir.resolve("new.p12");
    Files.deleteIfExists(store);
    // on argv only while keytool runs, for a file in a 0700 directory that is deleted below
    String password = Ids.random(24, "abcdefghijklmnopqrstuvwxyz0123456789");
    try {
      runner.run(argv(store, password, addresses), TIMEOUT);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, password.toCharArray());
      }
      Key privateKey = ks.getKey(ALIAS, password.toCharArray());
      Certificate certificate = ks.getCertificate(ALIAS);
      PrivateFiles.write(key, Pem.encode("PRIVATE KEY", privateKey.getEncoded()).getBytes(StandardCharsets.US_ASCII));
      // the certificate last: both files present means both are whole
      PrivateFiles.write(cert, Pem.encode("CERTIFICATE", certificate.getEncoded()).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the certificate keytool made in " + store + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(store);
    }
    return List.of(cert, key);
  }

  /** The keytool command line (pure, for tests). */
  List<String> argv(Path store, String password, List<String> addresses) {
    Set<String> san = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
    for (String a : addresses) {
      if ((a.matches("[0-9.]+") || a.matches("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*")) && !a.equals("0.0.0.0") && !a.equals("::")) {
        san.add("ip:" + a);
      } else if (a.matches("[A-Za-z0-9.-]+") && !a.equals("0.0.0.0")) {
        san.add("dns:" + a);
      }
    }
    List<String> argv = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-noprompt",
        "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
        "-dname", "CN=ecsbox", "-validity", "3650", "-ext", "SAN=" + String.join(",", san),
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password));
    return argv;
  }
}
