package io.ecsbox.host.vpc;

import io.ecsbox.common.Cidr;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.agent.VSwitchNet;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Renders the files of one vSwitch's dnsmasq: DHCP only (port=0: no DNS), bound to the
 * vRouter side of the vSwitch's veth inside the VPC netns, answering only MACs listed in the
 * hosts file (a "static" range), with the vRouter as default gateway. Pure text.
 */
public final class DnsmasqConfig {
  public static final String CONF = "dnsmasq.conf";
  public static final String HOSTS = "hosts";
  public static final String LEASES = "leases";
  public static final String PID = "dnsmasq.pid";
  static final String LEASE_TIME = "1h";

  private DnsmasqConfig() {}

  public static String conf(LinuxNames names, VSwitchNet vs, Path dir) {
    return "# ecsbox: DHCP of " + vs.vSwitchId() + " in " + vs.vpcId() + " (generated, do not edit)\n"
        + "port=0\n"
        + "interface=" + names.vethRouterSide(vs.vSwitchId()) + "\n"
        + "bind-interfaces\n"
        + "except-interface=lo\n"
        + "no-resolv\n"
        + "no-hosts\n"
        + "dhcp-authoritative\n"
        + "dhcp-range=" + Cidr.format(vs.cidr().network()) + ",static,"
        + vs.cidr().netmask() + "," + LEASE_TIME + "\n"
        + "dhcp-option=option:router," + vs.gateway() + "\n"
        + "dhcp-hostsfile=" + dir.resolve(HOSTS) + "\n"
        + "dhcp-leasefile=" + dir.resolve(LEASES) + "\n"
        + "pid-file=" + dir.resolve(PID) + "\n";
  }

  /** One {@code mac,ip} line per host, sorted by MAC so equal sets give equal files. */
  public static String hosts(List<DhcpHost> hosts) {
    StringBuilder sb = new StringBuilder();
    hosts.stream().sorted(Comparator.comparing(DhcpHost::mac))
        .forEach(h -> sb.append(h.mac()).append(',').append(h.ip()).append('\n'));
    return sb.toString();
  }
}
