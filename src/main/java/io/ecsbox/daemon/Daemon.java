package io.ecsbox.daemon;

import io.ecsbox.host.HostInfo;
import io.ecsbox.host.LocalAgent;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiServer;
import io.ecsbox.api.actions.AutoSnapshotPolicyActions;
import io.ecsbox.api.actions.CaptureActions;
import io.ecsbox.api.actions.DiskActions;
import io.ecsbox.storage.policy.AutoSnapshotPolicyService;
import io.ecsbox.storage.policy.AutoSnapshotPolicyStore;
import io.ecsbox.api.actions.ImageActions;
import io.ecsbox.api.actions.SnapshotActions;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.storage.DiskService;
import io.ecsbox.storage.SnapshotService;
import io.ecsbox.storage.DiskStore;
import io.ecsbox.storage.SnapshotStore;
import io.ecsbox.api.actions.InstanceActions;
import io.ecsbox.api.actions.RegionActions;
import io.ecsbox.api.actions.TypeActions;
import io.ecsbox.api.actions.VpcActions;
import io.ecsbox.api.actions.InstanceNetView;
import io.ecsbox.api.actions.NetworkInterfaceActions;
import io.ecsbox.api.actions.SecurityGroupActions;
import io.ecsbox.compute.Instance;
import io.ecsbox.api.actions.EipActions;
import io.ecsbox.network.NetworkInterface;
import io.ecsbox.network.eip.Eip;
import io.ecsbox.host.metadata.MetadataService;
import io.ecsbox.network.eip.EipConfig;
import io.ecsbox.network.eip.EipErrors;
import io.ecsbox.agent.EipAgent;
import io.ecsbox.network.eip.EipService;
import io.ecsbox.network.eip.EipTargets;
import io.ecsbox.host.eip.IprouteEipHost;
import io.ecsbox.network.eip.EipStore;
import java.util.Optional;
import io.ecsbox.network.NicService;
import io.ecsbox.network.VpcService;
import io.ecsbox.network.secgroup.SecurityGroupService;
import io.ecsbox.host.firewall.IptablesFirewall;
import io.ecsbox.host.firewall.SgCompiler;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.host.firewall.IptablesSgApplier;
import io.ecsbox.network.NicStore;
import io.ecsbox.network.secgroup.SecurityGroupStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import io.ecsbox.host.vpc.NetworkScope;
import io.ecsbox.network.VpcStore;
import io.ecsbox.api.auth.Authenticator;
import io.ecsbox.api.auth.NonceCache;
import io.ecsbox.compute.InstanceOperations;
import io.ecsbox.compute.InstanceService;
import io.ecsbox.host.libvirt.Accel;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import io.ecsbox.compute.type.HostCapabilities;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.scheduler.Capacity;
import io.ecsbox.scheduler.Scheduler;
import io.ecsbox.storage.ImageService;
import io.ecsbox.storage.InstanceStorage;
import io.ecsbox.host.configdrive.IsoConfigDrives;
import io.ecsbox.host.qemuimg.QemuImg;
import io.ecsbox.store.AccountStore;
import io.ecsbox.store.Database;
import io.ecsbox.storage.ImageStore;
import io.ecsbox.compute.InstanceStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one daemon: API, one-host scheduler and the local agent in one JVM, state in
 * SQLite under the data dir. Stopping it never stops guests; on start it adopts them and
 * repairs what a crash left half-done.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  public static final String REGION = "local-1";
  /** The default zone when ECSBOX_ZONES does not say otherwise. */
  public static final String ZONE = "local-1a";

  private final DaemonOptions opts;
  private final FileChannel lockChannel;
  private final Database db;
  private final LibvirtHypervisor hv;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final ApiServer api;
  private final MetadataService metadata;

  private Daemon(DaemonOptions opts) throws IOException {
    this.opts = opts;
    Path dir = opts.dataDir().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    lockChannel = FileChannel.open(dir.resolve("daemon.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = lockChannel.tryLock();
    if (lock == null) {
      lockChannel.close();
      throw new IllegalStateException("another ecsbox daemon uses " + dir + "; stop it first");
    }
    db = Database.open(dir.resolve("ecsbox.db"));
    AccountStore accounts = new AccountStore(db);
    Credentials.bootstrap(accounts, dir, "http://" + opts.listenHost() + ":" + opts.listenPort(), REGION,
        System.getenv());
    boolean kvm = Accel.decide(opts.libvirtUri(), System.getenv(), Accel.PROBED);
    hv = new LibvirtHypervisor(opts.libvirtUri(), kvm);
    CommandRunner runner = new CommandRunner();
    QemuImg qemuImg = new QemuImg(runner);
    workers = Executors.newFixedThreadPool(workerCount(), named("worker"));
    timers = Executors.newSingleThreadScheduledExecutor(named("timer"));
    ImageService images = new ImageService(new ImageStore(db), qemuImg, dir, workers);
    InstanceStore instanceStore = new InstanceStore(db);
    InstanceTypeCatalog types = InstanceTypeCatalog.builtIn();
    String scope = NetworkScope.tagFor(dir, System.getenv());
    LinuxNames linuxNames = new LinuxNames(scope);
    LocalAgent agent = new LocalAgent(dir, hv, qemuImg, new IsoConfigDrives(runner), linuxNames, HostInfo.resources());
    KeyedLocks locks = new KeyedLocks();
    // background work the reconcilers submit waits until the crash garbage collection is done
    StartGate gate = new StartGate(workers);
    DiskStore diskStore = new DiskStore(db);
    DiskService disks = new DiskService(diskStore, instanceStore, images, agent, agent, locks, gate,
        java.util.Set.copyOf(opts.zones()), envLong("ECSBOX_POOL_CAPACITY_GIB", DiskService.DEFAULT_POOL_CAPACITY_GIB));
    SnapshotService snapshots = new SnapshotService(new SnapshotStore(db), diskStore, agent, agent, locks, gate,
        (int) envLong("ECSBOX_SNAPSHOTS_PER_DISK", 64), (int) envLong("ECSBOX_AUTO_SNAPSHOTS_PER_DISK", 64));
    disks.setSnapshots(snapshots);
    disks.setMaxChainDepth((int) envLong("ECSBOX_MAX_CHAIN_DEPTH", DiskService.DEFAULT_MAX_CHAIN_DEPTH));
    images.setSnapshotContent(snapshots::contentOf);
    InstanceStorage instanceDisks = new InstanceStorage(images, disks);
    Scheduler scheduler = new Scheduler(new Capacity(agent.resources().cpus(), agent.resources().memoryMiB()),
        Scheduler.ratio(System.getenv(), "ECSBOX_CPU_OVERCOMMIT", Scheduler.DEFAULT_CPU_OVERCOMMIT),
        Scheduler.ratio(System.getenv(), "ECSBOX_MEMORY_OVERCOMMIT", Scheduler.DEFAULT_MEMORY_OVERCOMMIT),
        String.join(",", opts.zones()));
    VpcService vpcs = new VpcService(new VpcStore(db), new IprouteVpcHost(runner, dir.resolve("network"), linuxNames),
        java.util.Set.copyOf(opts.zones()), vSwitchesPerVpc(), Clock.systemUTC()::instant);
    SgNames sgNames = SgNames.forScope(scope);
    SecurityGroupService groups = new SecurityGroupService(new SecurityGroupStore(db),
        new IptablesFirewall(new SgCompiler(sgNames, linuxNames::tap), new IptablesSgApplier(runner, sgNames)),
        Clock.systemUTC()::instant);
    vpcs.setVpcUser(vpcId -> groups.vpcHasGroups(vpcId) ? "security groups" : null);
    NicStore nicStore = new NicStore(db);
    NicService nics = new NicService(nicStore, vpcs, nicGroups(groups, db), agent, locks,
        Clock.systemUTC()::instant);
    Optional<EipConfig> eipConfig = EipConfig.fromEnv(System.getenv());
    EipService eips = new EipService(new EipStore(db), eipConfig,
        eipConfig.<EipAgent>map(c -> new IprouteEipHost(runner, linuxNames, c)).orElse(null),
        Clock.systemUTC()::instant);
    eips.setTargets(nics);
    nics.onInstanceReleased(eips::releaseForInstance);
    nics.onNicDetached(eips::releaseForEni);
    nics.setPublicIps(new NicService.PublicIps() {
      @Override
      public void check(int bandwidthMbps) {
        if (!eips.enabled()) {
          throw EipErrors.disabled();
        }
      }

      @Override
      public void assign(String accountId, NetworkInterface primary, int bandwidthMbps) {
        eips.assignNatIp(accountId, new EipTargets.Target(primary.id(), primary.instanceId(), primary.vpcId(),
            primary.privateIp()), bandwidthMbps);
      }
    });
    metadata = new MetadataService(new GuestDirectory(nicStore, instanceStore, vpcs, eips, REGION), runner,
        linuxNames::netns);
    vpcs.setVpcReady(metadata::ensure);
    vpcs.setVpcGone(metadata::remove);
    InstanceOperations ops = new InstanceOperations(instanceStore, agent, gate, InstanceService.STOP_GRACE,
        locks, instanceDisks, nics);
    InstanceService instances = new InstanceService(db, instanceStore, types, HostCapabilities.none(), ops,
        scheduler, opts.zones(), instanceDisks, nics);
    nics.setInstances((accountId, instanceId) -> {
      Instance i = instances.get(accountId, instanceId);
      int max = types.find(i.instanceType()).map(t -> t.network().eniQuantity()).orElse(2);
      return new NicService.Instances.InstanceRef(i.id(), i.zoneId(), i.status().name(), Math.max(1, max));
    });

    images.scanSystemImages();
    images.reconcile();
    disks.reconcile();
    snapshots.reconcile();
    ops.reconcile();
    disks.collectGarbage(snapshots.pendingFiles());
    gate.open();
    try {
      nics.reconcile();
      vpcs.reconcile();
      groups.reconcile();
      eips.reconcile();
      metadata.reconcile(vpcs.vpcIds());
    } catch (RuntimeException e) {
      // compute and storage still serve; VPC calls will name the host problem
      log.error("networking: cannot make the host match the VPCs in the store: {}", e.getMessage(), e);
    }
    timers.scheduleWithFixedDelay(ops::syncPowerStates, 3, 3, TimeUnit.SECONDS);
    // snapshot deletions that failed (a file still locked, say) are retried
    timers.scheduleWithFixedDelay(snapshots::retryDeletions, 20, 20, TimeUnit.SECONDS);
    // image files of deleted images go once nothing depends on them
    timers.scheduleWithFixedDelay(() -> {
      try {
        images.collectGarbage();
      } catch (RuntimeException e) {
        log.warn("image garbage collection: {}", e.getMessage());
      }
    }, 60, 60, TimeUnit.SECONDS);

    ActionRegistry registry = new ActionRegistry();
    new RegionActions(REGION, opts.zones(), types).registerIn(registry);
    new TypeActions(types).registerIn(registry);
    new ImageActions(images, REGION)
        .adminOnlyHostSources(a -> accounts.adminAccountId().map(a::equals).orElse(false))
        .registerIn(registry);
    new io.ecsbox.api.actions.AccountActions(accounts).registerIn(registry);
    InstanceActions instanceActions = new InstanceActions(instances, images, types, REGION);
    instanceActions.setNetworkView(id -> netView(nics, eips, id));
    instanceActions.setGroupReplacer(groups::replaceGroups);
    instanceActions.registerIn(registry);
    new DiskActions(disks, snapshots, REGION, opts.zones().get(0)).registerIn(registry);
    new SnapshotActions(snapshots, REGION).registerIn(registry);
    new CaptureActions(images, snapshots, disks, instances).registerIn(registry);
    AutoSnapshotPolicyService autoSnapshots =
        new AutoSnapshotPolicyService(new AutoSnapshotPolicyStore(db), snapshots, Clock.systemUTC());
    autoSnapshots.startTicking(timers);
    new AutoSnapshotPolicyActions(autoSnapshots, REGION).registerIn(registry);
    new VpcActions(vpcs, REGION).registerIn(registry);
    new SecurityGroupActions(groups, REGION).registerIn(registry);
    new NetworkInterfaceActions(nics, REGION).registerIn(registry);
    new EipActions(eips, REGION).registerIn(registry);
    Authenticator auth = new Authenticator(
        keyId -> accounts.key(keyId).map(AccountStore.AccessKey::secret), Clock.systemUTC(), new NonceCache());
    api = new ApiServer(new InetSocketAddress(opts.listenHost(), opts.listenPort()), REGION, auth,
        keyId -> accounts.key(keyId).orElseThrow().accountId(), registry);
    java.util.Set<String> vpcApi = new java.util.HashSet<>(VpcActions.ACTIONS); // alsoServe replaces the set
    vpcApi.addAll(EipActions.ACTIONS);
    api.alsoServe(VpcActions.VPC_VERSION, vpcApi);
    api.start();
    log.info("ecsbox daemon: API on http://{}:{}, region {}, data in {}, guests run under {}",
        opts.listenHost(), api.address().getPort(), REGION, dir,
        kvm ? "KVM" : "TCG software emulation (slow: no KVM, or KVM failed host-setup/probe-kvm.sh; see ecsbox doctor)");
  }

  /** The security group service as NICs need it. */
  private static NicService.Groups nicGroups(SecurityGroupService groups, Database db) {
    return new NicService.Groups() {
      @Override
      public List<String> checkForNic(String accountId, String vpcId, List<String> groupIds) {
        return groups.checkForNic(accountId, vpcId, groupIds);
      }

      @Override
      public void checkExist(String accountId, List<String> groupIds) {
        groupIds.forEach(g -> groups.group(accountId, g));
      }

      @Override
      public String defaultGroup(String accountId, String vpcId) {
        return groups.defaultGroup(accountId, vpcId);
      }

      @Override
      public void setMembership(Connection c, String eniId, List<String> groupIds) throws SQLException {
        SecurityGroupStore.setMembership(c, eniId, groupIds);
      }

      @Override
      public void deleteMembership(Connection c, String eniId) throws SQLException {
        SecurityGroupStore.deleteMembership(c, eniId);
      }

      @Override
      public List<String> groupsOf(String eniId) {
        return db.tx(c -> SecurityGroupStore.groupsOfNic(c, eniId));
      }

      @Override
      public void refresh() {
        groups.refresh();
      }
    };
  }

  /** DescribeInstances' network fields of one instance. */
  private static InstanceNetView netView(NicService nics, EipService eips, String instanceId) {
    List<NetworkInterface> list = nics.ofInstance(instanceId);
    if (list.isEmpty()) {
      return InstanceNetView.NONE;
    }
    NetworkInterface primary = list.get(0);
    Optional<Eip> pub = eips.forInstance(instanceId);
    Optional<Eip> nat = pub.filter(Eip::isNat);
    Optional<Eip> eip = pub.filter(e -> !e.isNat());
    return new InstanceNetView(primary.vpcId(), primary.vSwitchId(),
        list.stream().map(n -> new InstanceNetView.Nic(n.id(), n.type(), n.mac(), n.privateIp())).toList(),
        nics.groupsOf(primary.id()), nat.map(Eip::ip).orElse(null), nat.map(Eip::bandwidth).orElse(0),
        eip.map(e -> new InstanceNetView.Eip(e.allocationId(), e.ip(), e.bandwidth(), e.chargeType())).orElse(null));
  }

  /** Starts the daemon; the caller closes it to stop (guests keep running). */
  public static Daemon start(DaemonOptions opts) throws IOException {
    return new Daemon(opts);
  }

  /** Runs in the foreground until SIGTERM/SIGINT; returns the exit code. */
  public static int run(DaemonOptions opts) {
    Daemon d;
    try {
      d = start(opts);
    } catch (IOException | RuntimeException e) {
      System.err.println("ecsbox daemon: cannot start: " + e.getMessage());
      log.debug("start failed", e);
      return 1;
    }
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      d.close();
      done.countDown();
    }, "shutdown"));
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  public int port() {
    return api.address().getPort();
  }

  private static long envLong(String name, long dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : Long.parseLong(v.strip());
  }

  /** ECSBOX_VSWITCHES_PER_VPC (default 24, as the ECS notes say), validated at start. */
  private static int vSwitchesPerVpc() {
    String v = System.getenv("ECSBOX_VSWITCHES_PER_VPC");
    if (v == null || v.isBlank()) {
      return VpcService.DEFAULT_VSWITCHES_PER_VPC;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("ECSBOX_VSWITCHES_PER_VPC must be a whole number of at least 1, got '" + v
        + "'; unset it for the default " + VpcService.DEFAULT_VSWITCHES_PER_VPC);
  }

  private static int workerCount() {
    String v = System.getenv("ECSBOX_WORKERS");
    return v == null ? 8 : Math.max(1, Integer.parseInt(v));
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    log.info("ecsbox daemon stopping (guests keep running)");
    api.close();
    metadata.close(); // the data plane stays; the next daemon serves metadata again
    timers.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hv.close();
    db.close();
    try {
      lockChannel.close();
    } catch (IOException e) {
      log.warn("closing lock: {}", e.getMessage());
    }
  }
}
