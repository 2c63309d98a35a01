package io.ecsbox.daemon;

import io.ecsbox.agent.EipAgent;
import io.ecsbox.agent.FirewallAgent;
import io.ecsbox.agent.MetadataDirectory;
import io.ecsbox.common.Cidr;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.host.HostInfo;
import io.ecsbox.host.LocalGuests;
import io.ecsbox.host.LocalVolumes;
import io.ecsbox.host.VpcPlane;
import io.ecsbox.host.files.ImageFiles;
import io.ecsbox.host.images.LocalImages;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import io.ecsbox.host.eip.IprouteEipHost;
import io.ecsbox.host.eip.PublicUplink;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.firewall.IptablesFirewall;
import io.ecsbox.host.firewall.IptablesSgApplier;
import io.ecsbox.host.firewall.SgCompiler;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.host.libvirt.Accel;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import io.ecsbox.host.metadata.MetadataService;
import io.ecsbox.host.qemuimg.QemuImg;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import java.util.Optional;

/**
 * The host side of this machine: its guests and disk layers (libvirt, qemu-img, config drives), its image
 * files, the VPC data plane with its metadata endpoints, the firewall and the EIP plane, all named within
 * this data dir's network scope.
 */
final class HostModule implements AutoCloseable {
  final LocalGuests guests;
  final LocalVolumes volumes;
  final VpcPlane vpcs;
  final FirewallAgent firewall;
  /** Empty when EIPs are off (no ECSBOX_EIP_CIDR). */
  final Optional<EipAgent> eips;
  final LocalImages images;
  private final LibvirtHypervisor hv;

  HostModule(DaemonConfig config, MetadataDirectory directory) {
    CommandRunner runner = new CommandRunner();
    String uri = config.hypervisor().libvirtUri();
    hv = new LibvirtHypervisor(uri, Accel.decide(uri,
        config.hypervisor().accel().map(m -> m.name().toLowerCase()).orElse(null), Accel.PROBED));
    QemuImg qemuImg = new QemuImg(runner);
    images = new LocalImages(config.dataDir(), qemuImg, ImageFiles.DownloadLimits.DEFAULT);
    LinuxNames names = new LinuxNames(config.network().tag());
    volumes = new LocalVolumes(config.dataDir(), hv, qemuImg);
    guests = new LocalGuests(config.dataDir(), hv, volumes, new IsoConfigDrives(runner), names, HostInfo::resources,
        io.ecsbox.host.KernelLog.of(runner));
    vpcs = new VpcPlane(new IprouteVpcHost(runner, config.dataDir().resolve("network"), names),
        new MetadataService(directory, runner, names::netns));
    SgNames sgNames = SgNames.forScope(names.tag());
    firewall = new IptablesFirewall(new SgCompiler(sgNames, names::tap), new IptablesSgApplier(runner, sgNames));
    eips = config.network().eip().map(e -> new IprouteEipHost(runner, names, new PublicUplink(Cidr.parse(e.cidr()),
        e.uplink(), Cidr.parseAddress(e.gateway()))));
  }

  boolean kvm() {
    return hv.kvm();
  }

  @Override
  public void close() {
    vpcs.close(); // the data plane stays; the next daemon serves metadata again
    hv.close();
  }
}
