package io.ecsbox.agent.firewall;

import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Cidr;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A NIC as the security-group engine sees it: its id (the host names its interface after it),
 * its MAC and IPv4 addresses (the only ones it may send from) and its groups (1-5).
 */
public record Nic(String id, String mac, List<String> ips, List<String> groupIds) {
  public static final int MAX_GROUPS = 5;
  private static final Pattern ID = Pattern.compile("[a-z]+-[a-z0-9]{1,40}");
  private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

  public Nic {
    if (id == null || !ID.matcher(id).matches()) {
      throw ServiceException.invalid("NetworkInterfaceId", "not an id: " + id);
    }
    mac = mac == null ? null : mac.toLowerCase(java.util.Locale.ROOT);
    if (mac == null || !MAC.matcher(mac).matches()) {
      throw ServiceException.invalid("MacAddress", "not a MAC address: " + mac);
    }
    ips = List.copyOf(ips);
    if (ips.isEmpty() || !ips.stream().allMatch(Cidr::isLenientAddress)) {
      throw ServiceException.invalid("PrivateIpAddress", "need IPv4 addresses, got " + ips);
    }
    groupIds = List.copyOf(groupIds);
    checkGroups(groupIds, id);
  }

  /** 1 to {@link #MAX_GROUPS} groups, none twice, for the NIC or instance {@code who}. */
  public static void checkGroups(List<String> groupIds, String who) {
    if (groupIds == null || groupIds.isEmpty()) {
      throw ServiceException.missing("SecurityGroupId");
    }
    if (groupIds.size() > MAX_GROUPS) {
      throw RuleError.tooManyGroups(who);
    }
    if (groupIds.stream().distinct().count() != groupIds.size()) {
      throw ServiceException.invalid("SecurityGroupId", "a group is listed twice for " + who);
    }
  }

  public Nic withGroups(List<String> newGroups) {
    return new Nic(id, mac, ips, newGroups);
  }
}
