package io.ecsbox.daemon;

import io.ecsbox.api.ApiServer;
import io.ecsbox.common.IdleThreads;
import io.ecsbox.common.KeyedLocks;
import io.ecsbox.common.PeriodicJobs;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.host.DataDirCheck;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.systemd.SdNotify;
import io.ecsbox.network.metadata.GuestDirectory;
import io.ecsbox.storage.policy.AutoSnapshotPolicyService;
import io.ecsbox.store.Database;
import io.ecsbox.tls.ServerTls;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one daemon: API, one-host scheduler and the local agent in one JVM, state in
 * SQLite under the data dir. The composition root: it wires one module per capability, then
 * reconciles the host with the store, then serves. Stopping it never stops guests; on start it
 * adopts them and repairs what a crash left half-done.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  public static final String REGION = "local-1";
  /** The default zone when ECSBOX_ZONES does not say otherwise. */
  public static final String ZONE = "local-1a";

  private final FileChannel lock;
  private final Database db;
  private final HostModule host;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timers;
  private final ApiServer api;
  private final MetricsModule metrics;
  private final ConsoleModule consoles;
  private final Set<String> actions;
  private final DaemonConfig config;
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

  private Daemon(DaemonConfig config) throws IOException {
    this.config = config;
    Path dir = config.dataDir();
    Files.createDirectories(dir);
    lock = lockDataDir(dir);
    try {
      DataDirCheck.check(dir, DataDirCheck.qemuUser(config.hypervisor().libvirtUri()));
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    db = Database.open(dir.resolve("ecsbox.db"));
    Stores stores = Stores.on(db);
    Optional<ServerTls> tls = ApiTls.load(config, new CommandRunner());
    String scheme = tls.isPresent() ? "https" : "http";
    Credentials.bootstrap(stores.accounts(), dir, REGION, config.bootstrapKey());
    workers = IdleThreads.fixed(config.workers(), named("worker"));
    metrics = new MetricsModule(config);
    metrics.watch(stores.instances(), workers);
    timers = Executors.newSingleThreadScheduledExecutor(named("timer"));
    // background work the reconcilers submit waits until the crash garbage collection is done
    StartGate gate = new StartGate(workers);
    KeyedLocks locks = new KeyedLocks();
    InstanceTypeCatalog types = InstanceTypeCatalog.builtIn();
    host = new HostModule(config, new GuestDirectory(stores.nics(), stores.instances(), stores.vpcs(), stores.eips(),
        REGION), metrics.metrics);
    StorageModule storage = new StorageModule(config, stores, host, locks, workers, gate, metrics.metrics);
    NetworkModule network = new NetworkModule(config, stores, host, types, locks);
    ComputeModule compute = new ComputeModule(config, stores, host, storage, network, types, locks, gate,
        metrics.metrics);

    compute.logCapacity();
    storage.reconcile();
    compute.operations.reconcile();
    storage.disks.collectGarbage(storage.snapshots.pendingFiles());
    gate.open();
    try {
      network.reconcile();
    } catch (RuntimeException e) {
      // compute and storage still serve; VPC calls will name the host problem
      log.error("networking: cannot make the host match the VPCs in the store: {}", e.getMessage(), e);
    }
    PeriodicJobs jobs = new PeriodicJobs(timers);
    jobs.every(Duration.ofSeconds(3), "power states", compute.operations::syncPowerStates);
    jobs.every(Duration.ofSeconds(10), "memory watch", compute::watchMemory);
    jobs.every(Duration.ofSeconds(20), "snapshot deletions", storage.snapshots::retryDeletions); // a file locked
    jobs.every(Duration.ofSeconds(60), "image garbage collection", storage.images::collectGarbage);
    jobs.every(AutoSnapshotPolicyService.TICK_PERIOD, "auto snapshot policies", storage.policies::tickNow);
    // what nothing in the store accounts for, in this daemon's scope only
    jobs.every(Duration.ofSeconds(60), "orphaned guests", compute.operations::sweepOrphans);
    jobs.every(Duration.ofSeconds(60), "orphaned networks", network.vpcs::sweep);
    jobs.every(Duration.ofSeconds(60), "security group drift", network.groups::repairDrift);

    ApiModule apiModule = new ApiModule(config, REGION, stores, types, storage, network, compute, metrics.metrics,
        tls.map(ServerTls::context));
    api = apiModule.server;
    ConsoleModule c = null;
    IOException noConsoles = null;
    try {
      c = new ConsoleModule(config, tls.map(ServerTls::context), compute, host, api,
          apiModule.registry);
    } catch (IOException e) {
      noConsoles = e;
    }
    consoles = c;
    if (noConsoles != null) {
      close();
      throw noConsoles;
    }
    actions = Set.copyOf(apiModule.registry.actions());
    api.start();
    try {
      metrics.start();
    } catch (IOException e) {
      close();
      throw new IOException("cannot serve metrics on " + config.metricsListen().orElseThrow() + ": " + e.getMessage(), e);
    }
    Credentials.recordEndpoint(dir, endpoint(scheme, config.listen().host(), api.address().getPort()),
        tls.map(ServerTls::fingerprint));
    tls.ifPresent(t -> log.info("API certificate {} SHA-256 {}", t.certificate().getSubjectX500Principal(),
        t.fingerprint()));
    log.info("ecsbox daemon: API on {}://{}:{}, region {}, data in {}, guests run under {}", scheme,
        config.listen().host(), api.address().getPort(), REGION, dir, host.kvm() ? "KVM"
            : "TCG software emulation (slow: no KVM, or KVM failed host-setup/probe-kvm.sh; see ecsbox doctor)");
  }

  /** Starts the daemon; the caller closes it to stop (guests keep running). */
  public static Daemon start(DaemonConfig config) throws IOException {
    return new Daemon(config);
  }

  /** Runs in the foreground until SIGTERM/SIGINT, logging at the configured level; returns the exit code. */
  public static int run(DaemonConfig config) {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.toLevel(config.logLevel().name()));
    }
    Optional<SdNotify> systemd = SdNotify.fromEnvironment(System.getenv());
    systemd.ifPresent(n -> n.send("STATUS=starting: adopting guests, reconciling the host with the store"));
    Daemon d;
    try {
      d = start(config);
    } catch (IOException | RuntimeException e) {
      System.err.println("ecsbox daemon: cannot start: " + e.getMessage());
      log.debug("start failed", e);
      systemd.ifPresent(n -> n.send("STATUS=cannot start: " + oneLine(e.getMessage())));
      return 1;
    }
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(named("watchdog"));
    systemd.ifPresent(n -> d.notifyReady(n, watchdog));
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      systemd.ifPresent(n -> n.send("STOPPING=1\nSTATUS=stopping (guests keep running)"));
      watchdog.shutdownNow();
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

  /**
   * Tells systemd the daemon is ready once its API answers (reconciling is done by then), and,
   * when the unit has {@code WatchdogSec=}, pings at half that interval while {@link #health()}
   * finds nothing wrong; on its own thread, so slow periodic work never delays a ping.
   */
  private void notifyReady(SdNotify systemd, ScheduledExecutorService watchdog) {
    Optional<String> problem = health();
    systemd.send("READY=1\nSTATUS=" + problem.map(p -> "started, but " + p)
        .orElse("serving the ECS API on " + config.listen().host() + ":" + port()));
    systemd.watchdog().ifPresent(interval -> {
      long halfMs = Math.max(1, interval.toMillis() / 2);
      new PeriodicJobs(watchdog).every(Duration.ofMillis(halfMs), "systemd watchdog", () -> {
        Optional<String> p = health();
        if (p.isEmpty()) {
          systemd.send("WATCHDOG=1");
        } else {
          log.warn("health check failed, not pinging systemd's watchdog: {}", p.get());
          systemd.send("STATUS=unhealthy: " + p.get());
        }
      });
    });
  }

  /**
   * What is wrong with this daemon, if anything: the store does not answer, or the API does not
   * answer its own health request. (libvirtd being down is not the daemon's fault: a restart
   * would not help, so it is not counted.)
   */
  public Optional<String> health() {
    try {
      db.query("SELECT 1", rs -> rs.getInt(1));
    } catch (RuntimeException e) {
      return Optional.of("the store does not answer: " + oneLine(e.getMessage()));
    }
    if (!api.answers(HEALTH_TIMEOUT)) {
      return Optional.of("the API does not answer GET " + ApiServer.HEALTH_PATH + " within "
          + HEALTH_TIMEOUT.toSeconds() + " s");
    }
    return Optional.empty();
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replace('\n', ' ');
  }

  public int port() {
    return api.address().getPort();
  }

  /** Every ECS Action the API serves (for tests and the fuzz bench, which call each one). */
  public Set<String> actions() {
    return actions;
  }

  /** The URL a client on this host uses: an any-address listener is reached on loopback. */
  static String endpoint(String scheme, String host, int port) {
    String h = host.equals("0.0.0.0") || host.isEmpty() ? "127.0.0.1" : host.equals("::") ? "::1" : host;
    return scheme + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
  }

  /** One daemon per data dir: held while the daemon runs, released by the OS if it dies. */
  private static FileChannel lockDataDir(Path dir) throws IOException {
    FileChannel ch = FileChannel.open(dir.resolve("daemon.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    if (ch.tryLock() == null) {
      ch.close();
      throw new IllegalStateException("another ecsbox daemon uses " + dir + "; stop it first");
    }
    return ch;
  }

  private static ThreadFactory named(String name) {
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
    if (consoles != null) {
      consoles.close();
    }
    metrics.close();
    timers.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    host.close();
    db.close();
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("closing lock: {}", e.getMessage());
    }
  }
}
