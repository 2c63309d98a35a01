package io.ecsbox.network.secgroup;

import io.ecsbox.agent.firewall.SgRule;
import java.util.Locale;

/**
 * One rule as a request gives it (ecs-api.md §6.5), still text; null means absent. For ingress
 * the remote side is SourceCidrIp / SourceGroupId and the local side DestCidrIp; for egress
 * DestCidrIp / DestGroupId and SourceCidrIp. {@link #parse} validates it into an engine rule.
 *
 * @param unsupported the name of a given parameter ecsbox cannot honour (IPv6, prefix lists), or null
 */
public record RuleSpec(String ipProtocol, String portRange, String sourcePortRange, String remoteCidr,
    String localCidr, String peerGroupId, String policy, String priority, String nicType, String description,
    String unsupported) {

  /** A parsed rule with the attributes only the API shows. */
  public record Parsed(SgRule rule, String nicType, String description) {}

  public Parsed parse(SgRule.Direction d) {
    boolean in = d == SgRule.Direction.INGRESS;
    SgRule rule = SgRule.parse(d, ipProtocol, portRange, remoteCidr, peerGroupId, policy, priority);
    if (unsupported != null) {
      throw SgError.notSupported(unsupported, "IPv4 CIDR blocks and security groups only");
    }
    if (blank(remoteCidr) && blank(peerGroupId)) {
      throw SgError.peerMissing(d);
    }
    if (!blank(localCidr) && !localCidr.strip().equals("0.0.0.0/0")) {
      throw SgError.notSupported(in ? "DestCidrIp" : "SourceCidrIp",
          "a rule applies to every address of the group's NICs");
    }
    if (!blank(sourcePortRange) && !sourcePortRange.strip().equals("-1/-1")
        && !sourcePortRange.strip().equals("1/65535")) {
      throw SgError.notSupported("SourcePortRange", "rules match destination ports only");
    }
    String nic = blank(nicType) ? "intranet" : nicType.strip().toLowerCase(Locale.ROOT);
    if (!nic.equals("intranet")) {
      throw SgError.nicTypeNotSupported(nicType);
    }
    String desc = description == null ? "" : description;
    if (desc.length() > 512 || desc.startsWith("http://") || desc.startsWith("https://")) {
      throw SgError.descriptionMalformed();
    }
    return new Parsed(rule, nic, desc);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
