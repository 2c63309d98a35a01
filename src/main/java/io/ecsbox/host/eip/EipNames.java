package io.ecsbox.host.eip;

import io.ecsbox.common.Ids;
import io.ecsbox.host.vpc.LinuxNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Linux names of a VPC's public side, within a {@link LinuxNames} scope tag:
 * <pre>
 *   veth, uplink side   eup-HHHHHHHHHHH        (root namespace, enslaved to the uplink bridge)
 *   veth, vRouter side  eun-HHHHHHHHHHH        (in the VPC's netns, holds the public addresses)
 *   ifb (inbound limit) eib-HHHHHHHHHHH        (in the VPC's netns)
 *   marker (ifalias)    ecsbox:TAG:eip:vpc-…   (on eup-; VPC host markers never look like it)
 * </pre>
 * HHHHHHHHHHH is 11 base32 characters of SHA-256 over "TAG/eip/vpcId".
 */
public final class EipNames {
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private final LinuxNames names;

  public EipNames(LinuxNames names) {
    this.names = names;
  }

  public LinuxNames linuxNames() {
    return names;
  }

  public String netns(String vpcId) {
    return names.netns(vpcId);
  }

  public String uplinkSide(String vpcId) {
    return "eup-" + hash(vpcId);
  }

  public String routerSide(String vpcId) {
    return "eun-" + hash(vpcId);
  }

  public String ifb(String vpcId) {
    return "eib-" + hash(vpcId);
  }

  public String marker(String vpcId) {
    requireVpc(vpcId);
    return markerPrefix() + vpcId;
  }

  /** The VPC id of one of our markers; empty for anything else. */
  public Optional<String> vpcOfMarker(String alias) {
    if (alias == null || !alias.startsWith(markerPrefix())) {
      return Optional.empty();
    }
    String id = alias.substring(markerPrefix().length());
    return Ids.valid("vpc", id) ? Optional.of(id) : Optional.empty();
  }

  private String markerPrefix() {
    return names.markerPrefix() + "eip:";
  }

  private String hash(String vpcId) {
    requireVpc(vpcId);
    byte[] h = sha256(names.tag() + "/eip/" + vpcId);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (h[i] & 0xff);
    }
    StringBuilder sb = new StringBuilder(11);
    for (int i = 0; i < 11; i++) {
      sb.append(BASE32.charAt((int) ((bits >>> (59 - 5 * i)) & 31)));
    }
    return sb.toString();
  }

  private static void requireVpc(String vpcId) {
    if (!Ids.valid("vpc", vpcId)) {
      throw new IllegalArgumentException("not a vpc id: " + vpcId);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
