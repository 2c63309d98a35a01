package io.ecsbox.host.vpc;

import io.ecsbox.common.ServiceException;
import io.ecsbox.common.Ids;
import io.ecsbox.host.files.FileTrees;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.agent.DhcpHost;
import io.ecsbox.agent.VSwitchNet;
import io.ecsbox.agent.VpcAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VpcAgent} on Linux with iproute2 and dnsmasq. A VPC's vRouter is a network namespace
 * with IP forwarding on; a vSwitch is a bridge in the root namespace with no IP and no uplink,
 * joined to the vRouter by a veth pair whose netns end holds the gateway; a dnsmasq per
 * vSwitch runs inside the netns on that end. Names and markers: {@link LinuxNames}. Files of
 * a vSwitch's dnsmasq live in {@code stateDir/<vSwitchId>/}; {@code stateDir} belongs to one
 * scope tag. Methods are synchronized: one host change at a time.
 */
public final class IprouteVpcHost implements VpcAgent {
  private static final Logger log = LoggerFactory.getLogger(IprouteVpcHost.class);
  private final IpTool ip;
  private final CommandRunner runner;
  private final Path stateDir;
  private final LinuxNames names;

  public IprouteVpcHost(CommandRunner runner, Path stateDir, LinuxNames names) {
    this.runner = runner;
    this.ip = new IpTool(runner);
    this.stateDir = stateDir;
    this.names = names;
  }

  @Override
  public synchronized void ensureVpc(String vpcId) {
    String ns = names.netns(vpcId);
    if (!ip.netnsExists(ns)) {
      ip.ip("netns", "add", ns);
    }
    ip.ipIn(ns, "link", "set", "dev", "lo", "up");
    ip.execIn(ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
  }

  @Override
  public synchronized void ensureVSwitch(VSwitchNet vs) {
    ensureVpc(vs.vpcId());
    String ns = names.netns(vs.vpcId());
    String br = names.bridge(vs.vSwitchId());
    String evb = names.vethBridgeSide(vs.vSwitchId());
    String evr = names.vethRouterSide(vs.vSwitchId());
    String marker = names.marker(vs.vpcId(), vs.vSwitchId());

    String brAlias = ip.linkAlias(null, br);
    if (brAlias == null) {
      ip.ip("link", "add", "name", br, "type", "bridge", "stp_state", "0");
    } else if (!brAlias.equals(marker)) {
      throw foreign(br, brAlias, marker);
    }
    ip.ip("link", "set", "dev", br, "addrgenmode", "none", "alias", marker);
    ip.ip("link", "set", "dev", br, "up");

    String evbAlias = ip.linkAlias(null, evb);
    if (evbAlias != null && !evbAlias.equals(marker)) {
      throw foreign(evb, evbAlias, marker);
    }
    if (evbAlias != null && ip.linkAlias(ns, evr) == null) {
      ip.ip("link", "del", "dev", evb); // its peer is not in the vRouter (netns was remade)
      evbAlias = null;
    }
    if (evbAlias == null) {
      ip.ip("link", "add", "name", evb, "type", "veth", "peer", "name", evr, "netns", ns);
    }
    ip.ip("link", "set", "dev", evb, "addrgenmode", "none", "alias", marker);
    ip.ip("link", "set", "dev", evb, "master", br, "up");
    ip.ipIn(ns, "addr", "replace", vs.gateway() + "/" + vs.cidr().prefix(), "dev", evr);
    ip.ipIn(ns, "link", "set", "dev", evr, "up");
    ensureDnsmasq(vs, ns, null);
  }

  @Override
  public synchronized void setDhcpHosts(VSwitchNet vs, List<DhcpHost> hosts) {
    ensureVSwitch(vs);
    ensureDnsmasq(vs, names.netns(vs.vpcId()), hosts);
  }

  public String bridgeName(String vSwitchId) {
    return names.bridge(vSwitchId);
  }

  @Override
  public synchronized void deleteVSwitch(String vSwitchId) {
    if (!Ids.valid("vsw", vSwitchId)) {
      throw new IllegalArgumentException("not a vSwitch id: " + vSwitchId);
    }
    Path dir = stateDir.resolve(vSwitchId);
    new DnsmasqProcess(runner, dir).stop();
    for (String link : List.of(names.vethBridgeSide(vSwitchId), names.bridge(vSwitchId))) {
      String alias = ip.linkAlias(null, link);
      if (alias != null && names.parseMarker(alias).map(m -> m[1].equals(vSwitchId)).orElse(false)) {
        ip.ip("link", "del", "dev", link);
      }
    }
    deleteTree(dir);
  }

  @Override
  public synchronized void deleteVpc(String vpcId) {
    String ns = names.netns(vpcId);
    for (String vsw : vSwitchesOf(vpcId)) {
      deleteVSwitch(vsw);
    }
    if (ip.netnsExists(ns)) {
      // its processes first: a namespace whose name is gone lives on while a process runs in it
      for (int pid : ip.netnsPids(ns)) {
        log.info("stopping process {} left in vRouter {}", pid, ns);
        Path proc = Path.of("/proc", Integer.toString(pid));
        DnsmasqProcess.stop(runner, pid, () -> DnsmasqProcess.cmdlineOfLive(proc) != null);
      }
      ip.ip("netns", "del", ns);
    }
  }

  @Override
  public synchronized void reconcile(Set<String> vpcIds, Map<VSwitchNet, List<DhcpHost>> vSwitches) {
    Set<String> wantedVsw = new TreeSet<>();
    vSwitches.keySet().forEach(v -> wantedVsw.add(v.vSwitchId()));
    Set<String> wantedVpc = new TreeSet<>(vpcIds);
    vSwitches.keySet().forEach(v -> wantedVpc.add(v.vpcId()));
    prune(() -> new Present(wantedVpc, wantedVsw));
    wantedVpc.forEach(this::ensureVpc);
    vSwitches.forEach(this::setDhcpHosts);
  }

  /**
   * Not synchronized while {@code known} is asked (it reads the store, whose writers may wait
   * for this host); each removal is.
   */
  @Override
  public void prune(java.util.function.Supplier<Present> known) {
    Present now = present();
    Set<String> staleVsw = new TreeSet<>(now.vSwitchIds());
    staleVsw.addAll(stateDirVSwitches()); // a dnsmasq or files left without links
    DnsmasqProcess.running(stateDir).keySet().stream().map(d -> d.getFileName().toString())
        .filter(n -> Ids.valid("vsw", n)).forEach(staleVsw::add); // a dnsmasq whose files and netns are gone
    Present keep = known.get();
    staleVsw.removeAll(keep.vSwitchIds());
    for (String vsw : staleVsw) {
      log.info("removing vSwitch {} from the host: the store has no such vSwitch", vsw);
      deleteVSwitch(vsw);
    }
    for (String vpc : now.vpcIds()) {
      if (!keep.vpcIds().contains(vpc)) {
        log.info("removing the vRouter of VPC {} from the host: the store has no such VPC", vpc);
        deleteVpc(vpc);
      }
    }
  }

  @Override
  public synchronized Present present() {
    Set<String> vpcs = new TreeSet<>();
    for (String ns : ip.netnsNames()) {
      names.vpcOfNetns(ns).ifPresent(vpcs::add);
    }
    Set<String> vsws = new TreeSet<>();
    for (String kind : List.of("bridge", "veth")) {
      ip.links(kind).values().forEach(alias -> names.parseMarker(alias).ifPresent(m -> vsws.add(m[1])));
    }
    return new Present(vpcs, vsws);
  }

  private List<String> vSwitchesOf(String vpcId) {
    Set<String> out = new TreeSet<>();
    for (String kind : List.of("bridge", "veth")) {
      ip.links(kind).values().forEach(alias -> names.parseMarker(alias)
          .filter(m -> m[0].equals(vpcId)).ifPresent(m -> out.add(m[1])));
    }
    return new ArrayList<>(out);
  }

  /** Writes the config and hosts (hosts == null keeps the current file), then starts, restarts or reloads. */
  private void ensureDnsmasq(VSwitchNet vs, String ns, List<DhcpHost> hosts) {
    Path dir = stateDir.resolve(vs.vSwitchId());
    DnsmasqProcess proc = new DnsmasqProcess(runner, dir);
    try {
      Files.createDirectories(dir);
      // dnsmasq drops root: it must be able to re-read the hosts file, whatever the daemon's umask
      Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      boolean confChanged = writeIfChanged(dir.resolve(DnsmasqConfig.CONF), DnsmasqConfig.conf(names, vs, dir));
      boolean hostsChanged = hosts != null
          ? writeIfChanged(dir.resolve(DnsmasqConfig.HOSTS), DnsmasqConfig.hosts(hosts))
          : writeIfChanged(dir.resolve(DnsmasqConfig.HOSTS), null);
      OptionalInt pid = proc.pid();
      if (pid.isPresent() && (confChanged || !proc.runsIn(pid.getAsInt(), ns))) {
        proc.stop();
        pid = OptionalInt.empty();
      }
      if (pid.isEmpty()) {
        proc.start(ns);
      } else if (hostsChanged) {
        proc.reload(pid.getAsInt());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dnsmasq files under " + dir, e);
    }
  }

  /** Writes text (0644) unless the file already holds it; null creates an empty file if missing. */
  private static boolean writeIfChanged(Path file, String text) throws IOException {
    if (text == null) {
      if (Files.exists(file)) {
        return false;
      }
      text = "";
    } else if (Files.exists(file) && Files.readString(file).equals(text)) {
      return false;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  private List<String> stateDirVSwitches() {
    if (!Files.isDirectory(stateDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(stateDir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> Ids.valid("vsw", n)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }

  private static ServiceException foreign(String link, String alias, String marker) {
    return ServiceException.internal("host interface " + link + " is in the way: its alias is '" + alias
        + "', expected '" + marker + "'; it is not ecsbox's and is left alone", null);
  }
}
