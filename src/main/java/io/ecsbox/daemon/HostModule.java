package io.ecsbox.daemon;

import io.ecsbox.agent.ConsoleAgent;
import io.ecsbox.host.DataDirCheck;
import io.ecsbox.agent.ComputeAgent;
import io.ecsbox.agent.EipAgent;
import io.ecsbox.agent.FirewallAgent;
import io.ecsbox.agent.ImageAgent;
import io.ecsbox.agent.MetadataDirectory;
import io.ecsbox.agent.VolumeAgent;
import io.ecsbox.agent.VpcAgent;
import io.ecsbox.common.Cidr;
import io.ecsbox.common.Metrics;
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
import io.ecsbox.metrics.HostOperations;
import io.ecsbox.metrics.Metered;
import java.util.Optional;

/**
 * The host side of this machine: its guests and disk layers (libvirt, qemu-img, config drives), its image
 * files, the VPC data plane with its metadata endpoints, the firewall and the EIP plane, all named within
 * this data dir's network scope. The control side sees each through its agent interface, timed as host
 * operations.
 */
final class HostModule implements AutoCloseable {
  final ComputeAgent guests;
  final ConsoleAgent consoles;
  final VolumeAgent volumes;
  final VpcAgent vpcs;
  final FirewallAgent firewall;
  /** Empty when EIPs are off (no ECSBOX_EIP_CIDR). */
  final Optional<EipAgent> eips;
  final ImageAgent images;
  private final LibvirtHypervisor hv;
  private final VpcPlane vpcPlane;

  HostModule(DaemonConfig config, MetadataDirectory directory, Metrics metrics) {
    CommandRunner runner = new CommandRunner();
    String uri = config.hypervisor().libvirtUri();
    hv = new LibvirtHypervisor(uri, Accel.decide(uri,
        config.hypervisor().accel().map(m -> m.name().toLowerCase()).orElse(null), Accel.PROBED));
    QemuImg qemuImg = new QemuImg(runner);
    LinuxNames names = new LinuxNames(config.network().tag());
    LocalVolumes localVolumes = new LocalVolumes(config.dataDir(), hv, qemuImg);
    Metered.Observer ops = metrics::hostOperation;
    images = Metered.timed(ImageAgent.class, new LocalImages(config.dataDir(), qemuImg,
        ImageFiles.DownloadLimits.DEFAULT), HostOperations.IMAGES, ops);
    volumes = Metered.timed(VolumeAgent.class, localVolumes, HostOperations.VOLUMES, ops);
    LocalGuests local = new LocalGuests(config.dataDir(), hv, localVolumes, new IsoConfigDrives(runner), names,
        HostInfo::resources, io.ecsbox.host.KernelLog.of(runner),
        DataDirCheck.qemuUser(uri).map(DataDirCheck.QemuUser::name));
    guests = Metered.timed(ComputeAgent.class, local, HostOperations.COMPUTE, ops);
    consoles = local; // rare and quick: not a timed host operation
    vpcPlane = new VpcPlane(new IprouteVpcHost(runner, config.dataDir().resolve("network"), names),
        new MetadataService(directory, runner, names::netns));
    vpcs = Metered.timed(VpcAgent.class, vpcPlane, HostOperations.VPCS, ops);
    SgNames sgNames = SgNames.forScope(names.tag());
    firewall = Metered.timed(FirewallAgent.class, new IptablesFirewall(new SgCompiler(sgNames, names::tap),
        new IptablesSgApplier(runner, sgNames)), HostOperations.FIREWALL, (op, ok, nanos) ->
        metrics.securityGroupApply(ok, nanos));
    eips = config.network().eip().map(e -> Metered.timed(EipAgent.class, new IprouteEipHost(runner, names,
        new PublicUplink(Cidr.parse(e.cidr()), e.uplink(), Cidr.parseAddress(e.gateway()))), HostOperations.EIPS,
        ops));
  }

  boolean kvm() {
    return hv.kvm();
  }

  @Override
  public void close() {
    vpcPlane.close(); // the data plane stays; the next daemon serves metadata again
    hv.close();
  }
}
