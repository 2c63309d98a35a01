package io.ecsbox.host.firewall;

import io.ecsbox.agent.firewall.Nic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Host names of our iptables chains and ipsets, derived from ids only. Chains: {@code
 * <chainPrefix>FWD|TO|PASS} and {@code <chainPrefix>I|O|S-<h12>} where h12 is the first 12 hex
 * digits of SHA-256(NIC id) (iptables allows 28 characters); sets: {@code <setPrefix><h12>} of
 * the group id (ipset allows 31). Production uses "ECSBOX-" and "esg-"; tests and the bench use
 * a tagged prefix so they never see, nor remove, production objects. The FWD jump rules carry
 * the NIC id as a comment, so {@code iptables-save} maps chains back to NICs.
 */
public record SgNames(String chainPrefix, String setPrefix) {
  public static final SgNames DEFAULT = new SgNames("ECSBOX-", "esg-");
  private static final Pattern TAG = Pattern.compile("[a-z0-9]{1,5}");

  public SgNames {
    if (!chainPrefix.matches("ECSBOX[A-Za-z0-9]{0,5}-") || !setPrefix.matches("esg[a-z0-9]{0,5}-")) {
      throw new IllegalArgumentException("bad prefixes " + chainPrefix + " " + setPrefix);
    }
  }

  /**
   * Names for a daemon's network scope ({@code NetworkScope.tagFor}): {@link #DEFAULT} for
   * "main", else {@link #tagged} with 5 base-36 characters of SHA-256(scope tag), so daemons of
   * other data dirs (ITs) never touch, nor reap, each other's chains and sets.
   */
  public static SgNames forScope(String scopeTag) {
    if (scopeTag.equals("main")) {
      return DEFAULT;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(scopeTag.getBytes(StandardCharsets.UTF_8));
      String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        sb.append(alphabet.charAt((d[i] & 0xff) % alphabet.length()));
      }
      return tagged(sb.toString());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Names for a test or bench session: "ECSBOX" + tag + "-", "esg" + tag + "-" (tag: 1-5 of [a-z0-9]). */
  public static SgNames tagged(String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag " + tag);
    }
    return new SgNames("ECSBOX" + tag + "-", "esg" + tag + "-");
  }

  public String forward() {
    return chainPrefix + "FWD";
  }

  public String toNics() {
    return chainPrefix + "TO";
  }

  public String pass() {
    return chainPrefix + "PASS";
  }

  public String ingress(Nic nic) {
    return chainPrefix + "I-" + h12(nic.id());
  }

  public String egress(Nic nic) {
    return chainPrefix + "O-" + h12(nic.id());
  }

  public String sourceCheck(Nic nic) {
    return chainPrefix + "S-" + h12(nic.id());
  }

  public String set(String groupId) {
    return setPrefix + h12(groupId);
  }

  /** The scratch set a group's set is swapped with. */
  public String scratchSet(String setName) {
    return setName + "-n";
  }

  public boolean ownsChain(String name) {
    return name.startsWith(chainPrefix);
  }

  public boolean ownsSet(String name) {
    return name.startsWith(setPrefix);
  }

  static String h12(String id) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
