package io.ecsbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.client.EcsClient;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import io.ecsbox.daemon.Daemon;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.config.Settings;
import io.ecsbox.host.ScopeCleanup;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.files.ImageFiles;
import io.ecsbox.store.Database;
import io.ecsbox.storage.DiskStore;
import io.ecsbox.storage.SnapshotStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import io.ecsbox.host.files.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway ecsbox daemon in this JVM for a benchmark: the real services behind the ECS API
 * on a free loopback port, with their own data dir ({@code ROOT/run-<random>}, mode 0711 so
 * QEMU can reach the files) and SQLite store. {@link #close} — also run on Ctrl-C — removes
 * every guest whose disks live in that dir, stops the daemon and deletes the dir.
 */
public final class PrivateDaemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PrivateDaemon.class);
  public static final String DEFAULT_ROOT_TEXT = "/var/lib/ecsbox-bench";
  public static final Path DEFAULT_ROOT = Path.of(DEFAULT_ROOT_TEXT);

  private final Path root;
  private final Path dir;
  private final Set<String> instances = ConcurrentHashMap.newKeySet();
  private final Thread hook;
  private Map<String, String> env = System.getenv();
  private Daemon daemon;
  private Database db;
  private EcsClient client;
  private boolean closed;

  private PrivateDaemon(Path root, Path dir) {
    this.root = root;
    this.dir = dir;
    this.hook = new Thread(this::close, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C must not leave guests or files behind
  }

  /**
   * Makes the data dir under {@code root}, copies the system image {@code image} (manifest and
   * file, from {@code imageDir}) into it unless null, and starts the daemon.
   */
  public static PrivateDaemon start(Path root, Path imageDir, String image) throws IOException {
    return start(root, imageDir, image, Map.of());
  }

  /** Like {@link #start(Path, Path, String)}, with settings ({@code ECSBOX_...}) over this process's environment. */
  public static PrivateDaemon start(Path root, Path imageDir, String image, Map<String, String> settings)
      throws IOException {
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    Path dir = Files.createTempDirectory(root, "run-");
    PrivateDaemon p = new PrivateDaemon(root, dir);
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.putIfAbsent("ECSBOX_API_RATE", "0"); // a bench measures the daemon, not its throttle, unless told
    env.putAll(settings);
    p.env = Map.copyOf(env);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      if (image != null) {
        p.copyImage(imageDir, image);
      }
      p.open();
      return p;
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  private void copyImage(Path imageDir, String image) throws IOException {
    Path manifest = imageDir.resolve(image + ".json");
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException("no image " + manifest + " (run images/build-tiny.sh, or give --image-dir)");
    }
    JsonNode m = new ObjectMapper().readTree(manifest.toFile());
    String file = m.path("File").asText();
    if (!file.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(manifest + " names no plain File: '" + file + "'");
    }
    Path system = Files.createDirectories(dir.resolve("images/system"));
    Files.copy(imageDir.resolve(file), system.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    if (!ImageFiles.sha256(system.resolve(file)).equals(m.path("Sha256").asText())) {
      throw new IllegalStateException(imageDir.resolve(file) + " does not match the Sha256 of " + manifest
          + " (is the image being rebuilt? try again when build-tiny.sh is done)");
    }
    Files.copy(manifest, system.resolve(image + ".json"), StandardCopyOption.REPLACE_EXISTING);
  }

  private void open() throws IOException {
    // The JDK's HttpServer writes a response's headers and body apart; with Nagle and delayed
    // ACKs each keep-alive call then waits ~40 ms, which would swamp a ~30 ms snapshot.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    daemon = Daemon.start(DaemonConfig.load(env, new DaemonConfig.Flags(dir.toString(), "127.0.0.1:0",
        Settings.DEFAULT_LIBVIRT_URI)));
    JsonNode keys = new ObjectMapper().readTree(dir.resolve("admin.credentials").toFile());
    client = new EcsClient(URI.create("http://127.0.0.1:" + daemon.port()), keys.path("AccessKeyId").asText(),
        keys.path("AccessKeySecret").asText());
    db = Database.open(dir.resolve("ecsbox.db")); // a second connection, to read file names
  }

  /**
   * Keeps the in-process daemon's INFO lines (one per snapshot and disk) off the terminal,
   * where they would bury the figures, unless ECSBOX_LOG_LEVEL asks for them.
   */
  public static void quietLogs(Map<String, String> env) {
    if (env.get("ECSBOX_LOG_LEVEL") == null
        && LoggerFactory.getLogger("io.ecsbox") instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  public Path dir() {
    return dir;
  }

  public int port() {
    return daemon.port();
  }

  /** Every Action the daemon serves. */
  public Set<String> actions() {
    return daemon.actions();
  }

  /** The daemon's host objects and store, read as text ({@link DaemonState}); the caller closes it. */
  public DaemonState state() {
    return new DaemonState(dir, tag(), Settings.DEFAULT_LIBVIRT_URI);
  }

  private String tag() {
    return DaemonConfig.load(env, new DaemonConfig.Flags(dir.toString(), null, null)).network().tag();
  }

  /** A client that sends any call as it is, signed with the admin key. */
  public RawCaller raw() throws IOException {
    JsonNode keys = new ObjectMapper().readTree(dir.resolve("admin.credentials").toFile());
    return new RawCaller(URI.create("http://127.0.0.1:" + daemon.port()), keys.path("AccessKeyId").asText(),
        keys.path("AccessKeySecret").asText());
  }

  /** One ECS API call to this daemon. */
  public JsonNode call(String action, Map<String, String> params) {
    return client.call(action, params);
  }

  /** Host access to this daemon's disk files, named by its store. */
  public StorageProbe probe(CommandRunner runner) {
    return new HostStorageProbe(runner, new DiskStore(db), new SnapshotStore(db), dir);
  }

  /** What remains of deleted instances among {@code domains}, in this daemon's dir and in its store. */
  public InstanceLeaks leaks(Supplier<Collection<String>> domains) {
    return new InstanceLeaks(domains, dir, db);
  }

  /** Remembers an instance to remove at close even if the daemon cannot. */
  public void track(String instanceId) {
    instances.add(instanceId);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    releaseThroughApi();
    removeDomains();
    try {
      if (daemon != null) {
        daemon.close();
      }
      if (db != null) {
        db.close();
      }
    } catch (RuntimeException e) {
      log.warn("stopping the bench daemon: {}", e.getMessage());
    }
    // what the API could not remove, and what every daemon makes (its firewall's hook and chains)
    ScopeCleanup.removeNetworks(dir, tag());
    try {
      FileTrees.delete(dir);
      Files.deleteIfExists(root); // only when no other run uses it
    } catch (DirectoryNotEmptyException e) {
      // another bench run's dir is there
    } catch (IOException e) {
      log.warn("could not remove {}: {}", dir, e.getMessage());
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // we are the hook: the JVM is shutting down
    }
  }

  private static final int PAGE = 100;

  // Instances, then the networks their launches made (the default VPC: a bridge, DHCP and
  // firewall chains on the host), through the API, so the host keeps nothing of the run.
  private void releaseThroughApi() {
    if (daemon == null || client == null) {
      return;
    }
    try {
      List<String> ids = new ArrayList<>();
      for (int page = 1, got = PAGE; got == PAGE; page++) { // every page: a density run makes hundreds
        JsonNode listed = call("DescribeInstances", Map.of("PageSize", String.valueOf(PAGE), "PageNumber",
            String.valueOf(page))).path("Instances").path("Instance");
        listed.forEach(i -> ids.add(i.path("InstanceId").asText()));
        got = listed.size();
      }
      for (String id : ids) {
        call("DeleteInstance", Map.of("InstanceId", id, "Force", "true"));
      }
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (System.nanoTime() < deadline && (call("DescribeInstances", Map.of()).path("TotalCount").asInt() > 0
          || call("DescribeNetworkInterfaces", Map.of()).path("TotalCount").asInt() > 0
          || ids.stream().anyMatch(id -> Files.exists(dir.resolve("instances").resolve(id))))) {
        Thread.sleep(500);
      }
      for (JsonNode v : call("DescribeVSwitches", Map.of("PageSize", "50")).path("VSwitches").path("VSwitch")) {
        call("DeleteVSwitch", Map.of("VSwitchId", v.path("VSwitchId").asText()));
      }
      for (JsonNode g : call("DescribeSecurityGroups", Map.of("PageSize", "50")).path("SecurityGroups")
          .path("SecurityGroup")) {
        call("DeleteSecurityGroup", Map.of("SecurityGroupId", g.path("SecurityGroupId").asText()));
      }
      for (JsonNode v : call("DescribeVpcs", Map.of("PageSize", "50")).path("Vpcs").path("Vpc")) {
        call("DeleteVpc", Map.of("VpcId", v.path("VpcId").asText()));
      } // more than a page (a fuzz run makes many): ScopeCleanup below removes the rest
    } catch (RuntimeException e) {
      log.warn("releasing the bench's instances and networks: {} (check `ip link` for leftover bridges)",
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // The instances we started, and any other domain with its disks in our dir (a crash between calls).
  private void removeDomains() {
    try (LibvirtHypervisor hv = new LibvirtHypervisor(Settings.DEFAULT_LIBVIRT_URI, false)) {
      Set<String> ids = new LinkedHashSet<>(instances);
      for (String id : hv.ownedDomains()) {
        if (hv.systemDisk(id).map(d -> d.startsWith(dir)).orElse(false)) {
          ids.add(id);
        }
      }
      for (String id : ids) {
        hv.undefine(id);
      }
    } catch (RuntimeException e) {
      log.warn("removing the bench's guests: {} (check `virsh list --all` for {})", e.getMessage(), instances);
    }
  }
}
