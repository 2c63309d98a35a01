package io.ecsbox.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The API server's TLS material: an SSLContext serving the PEM certificate chain and key, and
 * the leaf's fingerprint (what clients pin).
 */
public record ServerTls(SSLContext context, X509Certificate certificate, Fingerprint fingerprint) {

  /**
   * Loads {@code certFile} (chain, leaf first) and {@code keyFile} (PKCS#8); the key must be
   * the leaf's.
   *
   * @throws Pem.PemException naming the file and the fix
   */
  public static ServerTls fromPem(Path certFile, Path keyFile) throws IOException {
    List<X509Certificate> chain = Pem.certificates(certFile);
    PrivateKey key = Pem.privateKey(keyFile);
    X509Certificate leaf = chain.get(0);
    if (!leaf.getPublicKey().getAlgorithm().equals(key.getAlgorithm()) || !pair(key, leaf)) {
      throw new Pem.PemException(keyFile + " holds a " + key.getAlgorithm() + " key that is not the one of the"
          + " certificate in " + certFile + " (a " + leaf.getPublicKey().getAlgorithm() + " key): give the"
          + " certificate's own key.");
    }
    try {
      char[] password = new char[0];
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("ecsbox", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return new ServerTls(ctx, leaf, Fingerprint.of(leaf));
    } catch (GeneralSecurityException e) {
      throw new Pem.PemException("cannot serve TLS with " + certFile + " and " + keyFile + ": " + e.getMessage(), e);
    }
  }

  // a signature the certificate's public key verifies: the key is the certificate's
  private static boolean pair(PrivateKey key, X509Certificate cert) {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      byte[] probe = "ecsbox key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(cert.getPublicKey());
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ServerTls[" + certificate.getSubjectX500Principal() + ", SHA-256 " + fingerprint + "]";
  }

}
