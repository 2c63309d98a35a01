package io.ecsbox.host.vpc;

import io.ecsbox.host.ConsoleSockets;
import io.ecsbox.host.DataDirCheck;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.libvirt.DiskDevice;
import io.ecsbox.host.libvirt.DomainSpec;
import io.ecsbox.host.libvirt.DomainXml;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.common.Cidr;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.network.MacAddresses;
import io.ecsbox.agent.VSwitchNet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real tiny guest (TCG under qemu:///system) on a vSwitch bridge gets its fixed private IP
 * and the vRouter as gateway by DHCP, and a namespace guest on the same vSwitch reaches it.
 * Needs the tiny image (images/build-tiny.sh). The domain is transient and run-tagged.
 */
class VpcGuestIT {
  private static final Path IMAGE = Path.of("/var/lib/ecsbox/images/system/ecsbox-tiny-x64.qcow2");
  private static final String URI = "qemu:///system";
  private static final Duration T = Duration.ofSeconds(60);
  private final CommandRunner run = new CommandRunner();

  @Test
  void aLibvirtGuestGetsItsFixedAddressByDhcp() throws Exception {
    assertTrue(Files.exists(IMAGE), IMAGE + " is missing: run images/build-tiny.sh");
    String tag = "it" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
    Path dir = Files.createTempDirectory("ecsbox-vpcguestit");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    IprouteVpcHost host = new IprouteVpcHost(run, dir.resolve("network"), new LinuxNames(tag));
    String domain = "i-ecsboxit" + tag + "net";
    try (FakeGuests probes = new FakeGuests(run, tag, dir)) {
      VSwitchNet vs = new VSwitchNet("vpc-" + tag, "vsw-" + tag, Cidr.parse("10.78.1.0/24"));
      String mac = MacAddresses.forNic("eni-" + tag);
      String probeMac = MacAddresses.forNic("eni-" + tag + "p");
      host.setDhcpHosts(vs, List.of(new DhcpHost(mac, "10.78.1.20"), new DhcpHost(probeMac, "10.78.1.21")));

      Path disk = dir.resolve("system.qcow2");
      run.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-u", "-b", IMAGE.toString(), "-F", "qcow2",
          disk.toString(), Long.toString(1L << 30)), T);
      Path noDrive = dir.resolve("cidata.iso");
      Files.write(noDrive, new byte[64 * 1024]); // not an ISO: boots without a config drive
      Path log = dir.resolve("console.log");
      DomainSpec spec = new DomainSpec(domain, 1, 256, false,
          List.of(new DiskDevice("vda", disk, domain, null, 1L << 30)), noDrive, log, "net", "ecs.t5-lc1m1.small");
      ConsoleSockets.prepare(spec.consoleDir(), DataDirCheck.qemuUser(URI).map(DataDirCheck.QemuUser::name));
      String xml = DomainXml.render(spec);
      String nic = "<interface type='bridge'><source bridge='" + host.bridgeName(vs.vSwitchId()) + "'/>"
          + "<mac address='" + mac + "'/><model type='virtio'/></interface>\n";
      Path xmlFile = dir.resolve("domain.xml");
      Files.writeString(xmlFile, xml.replace("</devices>", nic + "</devices>"));
      run.run(List.of("virsh", "-q", "-c", URI, "create", xmlFile.toString()), T);

      // no metadata service in this test: the guest reports its lease with instance-id=none
      String want = "ECSBOX-NET instance-id=none ip=10.78.1.20 dev=eth0 mac=" + mac;
      assertTrue(logShows(log, want, 120), "console should show '" + want + "'");
      FakeGuests.Guest probe = probes.plug(host.bridgeName(vs.vSwitchId()), probeMac);
      assertTrue(probes.dhcp(probe).contains("ip=10.78.1.21/24"));
      assertTrue(probes.ping(probe, "10.78.1.20"), "the guest answers on its private IP");
    } finally {
      run.runAllowingFailure(List.of("virsh", "-q", "-c", URI, "destroy", domain), T);
      host.reconcile(Set.of(), Map.of());
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static boolean logShows(Path log, String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    do {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
        return true;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return false;
  }
}
