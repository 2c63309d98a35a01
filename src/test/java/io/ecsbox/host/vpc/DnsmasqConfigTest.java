package io.ecsbox.host.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.common.Cidr;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.agent.VSwitchNet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsmasqConfigTest {
  @Test
  void rendersADhcpOnlyConfigForOneVSwitch() {
    LinuxNames names = new LinuxNames("main");
    VSwitchNet vs = new VSwitchNet("vpc-aaa", "vsw-bbb", Cidr.parse("172.16.4.0/22"));
    String evr = names.vethRouterSide("vsw-bbb");
    String expected = """
        # ecsbox: DHCP of vsw-bbb in vpc-aaa (generated, do not edit)
        port=0
        interface=%s
        bind-interfaces
        except-interface=lo
        no-resolv
        no-hosts
        dhcp-authoritative
        dhcp-range=172.16.4.0,static,255.255.252.0,1h
        dhcp-option=option:router,172.16.7.253
        dhcp-hostsfile=/var/lib/ecsbox/network/vsw-bbb/hosts
        dhcp-leasefile=/var/lib/ecsbox/network/vsw-bbb/leases
        pid-file=/var/lib/ecsbox/network/vsw-bbb/dnsmasq.pid
        """.formatted(evr);
    assertEquals(expected, DnsmasqConfig.conf(names, vs, Path.of("/var/lib/ecsbox/network/vsw-bbb")));
  }

  @Test
  void rendersHostsSortedByMac() {
    String text = DnsmasqConfig.hosts(List.of(new DhcpHost("02:ec:b0:00:00:02", "10.0.0.2"),
        new DhcpHost("02:ec:b0:00:00:01", "10.0.0.9")));
    assertEquals("02:ec:b0:00:00:01,10.0.0.9\n02:ec:b0:00:00:02,10.0.0.2\n", text);
    assertEquals("", DnsmasqConfig.hosts(List.of()));
  }
}
