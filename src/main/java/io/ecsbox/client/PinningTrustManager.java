package io.ecsbox.client;

import io.ecsbox.tls.Fingerprint;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts what the JDK trusts (with its host name check); else a certificate whose SHA-256
 * fingerprint is configured; else the one pinned for this endpoint in {@link KnownEndpoints}, or,
 * on first contact, pins the presented one and says so. A changed certificate is refused with
 * {@link CertificateChangedException}.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  /** What to do with a certificate the JDK does not trust. */
  enum Decision { TRUSTED, PINNED, FIRST_USE, CHANGED }

  /** The server presented another certificate than the pinned one. */
  static final class CertificateChangedException extends CertificateException {
    CertificateChangedException(String message) {
      super(message);
    }
  }

  private final X509ExtendedTrustManager jdk;
  private final Set<Fingerprint> trusted;
  private final KnownEndpoints known;
  private final String hostPort;
  private final Consumer<String> notice;

  PinningTrustManager(X509ExtendedTrustManager jdk, Set<Fingerprint> trusted, KnownEndpoints known, String hostPort,
      Consumer<String> notice) {
    this.jdk = jdk;
    this.trusted = Set.copyOf(trusted);
    this.known = known;
    this.hostPort = hostPort;
    this.notice = notice;
  }

  /** The JDK's default trust manager (its cacerts). */
  static X509ExtendedTrustManager jdkDefault() {
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no default trust manager", e);
    }
    throw new IllegalStateException("the JDK has no X509 trust manager");
  }

  /** The rule, apart from files and sockets. */
  static Decision decide(Fingerprint presented, Set<Fingerprint> trusted, Optional<Fingerprint> pinned) {
    if (trusted.contains(presented)) {
      return Decision.TRUSTED;
    }
    if (pinned.isEmpty()) {
      return Decision.FIRST_USE;
    }
    return pinned.get().equals(presented) ? Decision.PINNED : Decision.CHANGED;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      jdk.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      pinned(chain);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      jdk.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      pinned(chain);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      jdk.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      pinned(chain);
    }
  }

  private void pinned(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    Fingerprint presented = Fingerprint.of(chain[0]);
    Optional<Fingerprint> pin = known.get(hostPort);
    switch (decide(presented, trusted, pin)) {
      case TRUSTED, PINNED -> { }
      case FIRST_USE -> {
        known.add(hostPort, presented);
        notice.accept("ecsbox: first contact with " + hostPort + ": trusting its certificate, SHA-256 " + presented
            + " (recorded in " + known.file() + ")");
      }
      case CHANGED -> throw new CertificateChangedException("The certificate of " + hostPort + " changed: it is"
          + " now SHA-256 " + presented + ", but " + known.file() + " pinned " + pin.orElseThrow() + " at first"
          + " contact. Someone may be intercepting the connection; if the daemon's certificate was replaced on"
          + " purpose (compare with the fingerprint its log or admin.credentials shows), delete the line for "
          + hostPort + " from " + known.file() + " and try again.");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    jdk.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    jdk.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    jdk.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return jdk.getAcceptedIssuers();
  }
}
