package io.ecsbox.host.vpc;

import io.ecsbox.common.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * How our ids become Linux names, within a scope tag ("main" for the daemon, a per-run tag
 * for tests), so that a reconcile only ever sees its own scope:
 * <pre>
 *   VPC vRouter netns     ecsbox-TAG-vpc-…          (full VPC id; netns names are not length-limited)
 *   vSwitch bridge        ebr-HHHHHHHHHHH           (15 chars)
 *   veth, bridge side     evb-HHHHHHHHHHH           (root namespace, enslaved to the bridge)
 *   veth, vRouter side    evr-HHHHHHHHHHH           (inside the netns, holds the gateway)
 *   marker (ifalias)      ecsbox:TAG:vpc-…:vsw-…    (on the bridge and on evb-)
 *   guest NIC tap         etp-HHHHHHHHHHH           (made by libvirt from the domain XML)
 * </pre>
 * HHHHHHHHHHH is 11 base32 characters (55 bits) of SHA-256 over "TAG/id", so names
 * stay unique without a registry; ownership is decided by the marker, not by the name.
 */
public final class LinuxNames {
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private final String tag;

  public LinuxNames(String tag) {
    if (tag == null || !tag.matches("[a-z0-9]{1,12}")) {
      throw new IllegalArgumentException("network scope tag must be 1-12 of [a-z0-9]: " + tag);
    }
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  public String netns(String vpcId) {
    requireId("vpc", vpcId);
    return netnsPrefix() + vpcId.substring("vpc-".length());
  }

  /** Every netns of this scope starts with this. */
  public String netnsPrefix() {
    return "ecsbox-" + tag + "-vpc-";
  }

  /** The VPC id a netns of this scope belongs to; empty for any other name. */
  public Optional<String> vpcOfNetns(String name) {
    if (!name.startsWith(netnsPrefix())) {
      return Optional.empty();
    }
    String id = "vpc-" + name.substring(netnsPrefix().length());
    return Ids.valid("vpc", id) ? Optional.of(id) : Optional.empty();
  }

  public String bridge(String vSwitchId) {
    return "ebr-" + hash(vSwitchId);
  }

  public String vethBridgeSide(String vSwitchId) {
    return "evb-" + hash(vSwitchId);
  }

  public String vethRouterSide(String vSwitchId) {
    return "evr-" + hash(vSwitchId);
  }

  public String marker(String vpcId, String vSwitchId) {
    requireId("vpc", vpcId);
    return markerPrefix() + vpcId + ":" + vSwitchId;
  }

  public String markerPrefix() {
    return "ecsbox:" + tag + ":";
  }

  /** {vpcId, vSwitchId} from a marker of this scope; empty for anything else. */
  public Optional<String[]> parseMarker(String alias) {
    if (alias == null || !alias.startsWith(markerPrefix())) {
      return Optional.empty();
    }
    String[] ids = alias.substring(markerPrefix().length()).split(":");
    if (ids.length != 2 || !Ids.valid("vpc", ids[0]) || !Ids.valid("vsw", ids[1])) {
      return Optional.empty();
    }
    return Optional.of(ids);
  }

  /** The tap of a guest NIC (libvirt creates it in the vSwitch's bridge, the SG chains match it). */
  public String tap(String nicId) {
    requireId("eni", nicId);
    return "etp-" + hashOf(nicId);
  }

  private String hash(String vSwitchId) {
    requireId("vsw", vSwitchId);
    return hashOf(vSwitchId);
  }

  private String hashOf(String id) {
    byte[] h = sha256(tag + "/" + id);
    StringBuilder sb = new StringBuilder(11);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (h[i] & 0xff);
    }
    for (int i = 0; i < 11; i++) {
      sb.append(BASE32.charAt((int) ((bits >>> (59 - 5 * i)) & 31)));
    }
    return sb.toString();
  }

  private static void requireId(String prefix, String id) {
    if (!Ids.valid(prefix, id)) {
      throw new IllegalArgumentException("not a " + prefix + " id: " + id);
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
