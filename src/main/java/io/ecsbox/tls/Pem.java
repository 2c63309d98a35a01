package io.ecsbox.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files read and written with JDK classes only: X.509 certificates and PKCS#8 private keys
 * (RSA or EC). A PKCS#1 or SEC1 key ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY})
 * and an encrypted key are refused with the openssl command that converts them.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

  private Pem() {}

  /** A PEM file that cannot be used; the message names the file and the fix. */
  public static final class PemException extends IOException {
    public PemException(String message) {
      super(message);
    }

    PemException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The certificates of {@code file}, leaf first, at least one. */
  public static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    CertificateFactory cf;
    try {
      cf = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 support", e);
    }
    for (Block b : blocks(file)) {
      if (!b.type().equals("CERTIFICATE")) {
        continue;
      }
      try {
        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
      } catch (CertificateException e) {
        throw new PemException(file + ": a CERTIFICATE block is not a valid X.509 certificate: " + e.getMessage(), e);
      }
    }
    if (chain.isEmpty()) {
      throw new PemException(file + " holds no \"BEGIN CERTIFICATE\" block: expected a PEM certificate (chain).");
    }
    return chain;
  }

  /** The one private key of {@code file}: PKCS#8, RSA or EC. */
  public static PrivateKey privateKey(Path file) throws IOException {
    for (Block b : blocks(file)) {
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          return pkcs8(file, b.der());
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new PemException(file + " holds a \"" + b.type()
            + "\" (PKCS#1/SEC1) key; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file
            + " -out key.pem");
        case "ENCRYPTED PRIVATE KEY" -> throw new PemException(file + " holds an encrypted key; write it"
            + " unencrypted (mode 0600) with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        default -> {
          // certificates may share the file
        }
      }
    }
    throw new PemException(file + " holds no \"BEGIN PRIVATE KEY\" block: expected a PKCS#8 PEM private key.");
  }

  /** The PEM text of {@code der} under {@code type} (e.g. CERTIFICATE), lines of 64. */
  public static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static PrivateKey pkcs8(Path file, byte[] der) throws PemException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    List<String> tried = List.of("RSA", "EC");
    for (String algorithm : tried) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // the next algorithm
      }
    }
    throw new PemException(file + " holds a private key that is neither RSA nor EC; ecsbox accepts those two.");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new PemException(file + " is not a PEM text file (DER? convert with openssl ... -outform PEM).", e);
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).strip())));
      } catch (IllegalArgumentException e) {
        throw new PemException(file + ": the \"" + m.group(1) + "\" block is not valid base64.", e);
      }
    }
    return out;
  }
}
