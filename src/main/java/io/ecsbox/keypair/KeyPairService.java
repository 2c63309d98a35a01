package io.ecsbox.keypair;

import io.ecsbox.common.Ids;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Key pairs per account, as ECS: created here (RSA 2048, the private key handed back once and
 * never stored) or imported from an OpenSSH public key. Another account's key pair is not found.
 * A refused call changes nothing.
 */
public final class KeyPairService {
  /** ECS's quota of key pairs per region (here: per account). */
  public static final int MAX_PER_ACCOUNT = 500;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9:_.\\-]{1,127}");

  /** A key pair made by {@link #create}, with its private key in PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"). */
  public record Created(KeyPair keyPair, String privateKeyPem) {}

  private final KeyPairStore store;
  private final Clock clock;

  public KeyPairService(KeyPairStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Created create(String accountId, String name) {
    checkName(name);
    java.security.KeyPair kp;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      kp = g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    OpenSshKey pub = OpenSshKey.ofRsa((RSAPublicKey) kp.getPublic());
    KeyPair k = save(accountId, name, pub);
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1(kp.getPrivate().getEncoded()))
        + "\n-----END RSA PRIVATE KEY-----\n";
    return new Created(k, pem);
  }

  public KeyPair importKey(String accountId, String name, String publicKeyBody) {
    checkName(name);
    return save(accountId, name, OpenSshKey.parse(publicKeyBody));
  }

  public List<KeyPair> list(String accountId) {
    return store.list(accountId);
  }

  /** Deletes every named key pair; an unknown name deletes none (KeyPairError.NOT_FOUND). */
  public void delete(String accountId, List<String> names) {
    store.delete(accountId, List.copyOf(new LinkedHashSet<>(names)));
  }

  private KeyPair save(String accountId, String name, OpenSshKey pub) {
    KeyPair k = new KeyPair(Ids.next("kp"), accountId, name, pub.fingerprint(), pub.text(), clock.instant());
    store.insert(k, MAX_PER_ACCOUNT);
    return k;
  }

  /**
   * The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (SEQUENCE { version, algorithm,
   * OCTET STRING key }): ECS hands out "BEGIN RSA PRIVATE KEY", which every SSH client reads.
   */
  static byte[] pkcs1(byte[] pkcs8) {
    int[] at = {0};
    expect(pkcs8, at, 0x30);
    length(pkcs8, at);
    for (int tag : new int[] {0x02, 0x30}) { // skip version and algorithm
      expect(pkcs8, at, tag);
      int skip = length(pkcs8, at); // read first: "at[0] += length(..)" would add to the old index
      at[0] += skip;
    }
    expect(pkcs8, at, 0x04);
    int len = length(pkcs8, at);
    return java.util.Arrays.copyOfRange(pkcs8, at[0], at[0] + len);
  }

  private static void expect(byte[] der, int[] at, int tag) {
    if ((der[at[0]++] & 0xff) != tag) {
      throw new IllegalStateException("unexpected PKCS#8 layout from the JDK");
    }
  }

  private static int length(byte[] der, int[] at) {
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = (len << 8) | (der[at[0]++] & 0xff);
    }
    return len;
  }

  /** ECS's rule: 2-128 characters, a letter first, then letters, digits and {@code : _ . -}. */
  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) { // no '/', so no name starts with http:// or https://
      throw KeyPairError.nameMalformed(name);
    }
  }
}
