package io.ecsbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An ecsbox daemon in its own JVM ({@code java -jar ecsbox.jar daemon}) on a data dir laid out
 * like {@link EcsboxHarness}'s (under the IT session dir, mode 0711, the tiny image copied in),
 * so a test can SIGKILL it and start it again on the same data dir and port. Its output is
 * appended to a log file that outlives the data dir. Only the JVM is killed, as systemd's
 * {@code KillMode=process} does: commands it started (qemu-img) run on as orphans.
 */
final class DaemonProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dataDir;
  private final Path log;
  private final int port;
  private Process process;
  private RawApi api;
  private final List<ProcessHandle> orphans = new ArrayList<>();
  private final java.util.Map<String, String> env = new java.util.TreeMap<>();
  private List<String> flags = List.of();

  private DaemonProcess(Path dataDir, Path log, int port) {
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
  }

  /** Makes a fresh data dir named after {@code name} with the tiny image; does not start. */
  static DaemonProcess create(String name, Path log) throws IOException {
    EcsboxHarness.host(); // the session dir's cleanup hook and the reaper come with it
    Path dir = EcsboxHarness.SESSION_DIR.resolve(name + "-"
        + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36));
    EcsboxHarness.mkdir0711(EcsboxHarness.IT_ROOT);
    EcsboxHarness.mkdir0711(EcsboxHarness.SESSION_DIR);
    EcsboxHarness.mkdir0711(dir);
    Path images = dir.resolve("images/system");
    Files.createDirectories(images);
    for (String ext : List.of(".json", ".qcow2")) {
      Path src = EcsboxHarness.IMAGE_SOURCE.resolve(EcsboxHarness.IMAGE_ID + ext);
      if (!Files.exists(src)) {
        throw new IllegalStateException(src + " is missing: run images/build-tiny.sh --data-dir /var/lib/ecsbox");
      }
      Files.copy(src, images.resolve(EcsboxHarness.IMAGE_ID + ext));
    }
    Files.createDirectories(log.getParent());
    try (ServerSocket s = new ServerSocket(0)) {
      return new DaemonProcess(dir, log, s.getLocalPort());
    }
  }

  /** The packaged jar: -Decsbox.it.jar, else ecsbox.jar in -Decsbox.build.dir (default target). */
  static Path jar() {
    String explicit = System.getProperty("ecsbox.it.jar");
    Path jar = explicit != null ? Path.of(explicit)
        : Path.of(System.getProperty("ecsbox.build.dir", "target")).resolve("ecsbox.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run mvn package first"
          + " (or pass -Decsbox.it.jar=PATH)");
    }
    return jar.toAbsolutePath();
  }

  /** Options after {@code daemon ...} (e.g. {@code --config FILE}), from the next start on. */
  void flags(String... flags) {
    this.flags = List.of(flags);
  }

  /** Environment variables the daemon starts with (e.g. ECSBOX_EIP_CIDR), from the next start on. */
  void env(String name, String value) {
    env.put(name, value);
  }

  /** Starts the daemon and waits until it answers a signed call. */
  void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("daemon already running, pid " + process.pid());
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "daemon", "--data-dir", dataDir.toString(), "--listen",
        "127.0.0.1:" + port, "--libvirt-uri", EcsboxHarness.LIBVIRT_URI));
    command.addAll(flags);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putIfAbsent("ECSBOX_API_RATE", "0"); // crash loops poll hard: not a throttling test
    // any free port: the default, the API's port + 1, may be another test daemon's or a metrics port
    pb.environment().putIfAbsent("ECSBOX_CONSOLE_LISTEN", "127.0.0.1:0");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Files.writeString(log, "\n==== ecsbox-it: starting daemon " + Instant.now() + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    process = pb.start();
    api = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the daemon exited with " + process.exitValue() + "; log " + log
            + ":\n" + tail(4000));
      }
      if (api == null && Files.exists(dataDir.resolve("admin.credentials"))) {
        JsonNode c = JSON.readTree(Files.readString(dataDir.resolve("admin.credentials")));
        api = new RawApi(endpoint(), c.get("AccessKeyId").asText(), c.get("AccessKeySecret").asText());
      }
      if (api != null) {
        try {
          call("DescribeRegions");
          return;
        } catch (UncheckedIOException e) {
          // not listening yet
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the daemon did not answer within 60 s; log " + log + ":\n" + tail(4000));
      }
      sleep(100);
    }
  }

  /** SIGKILL of the JVM alone; returns the command lines of the children it leaves behind. */
  List<String> kill() {
    List<String> left = new ArrayList<>();
    if (process == null) {
      return left;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
    for (ProcessHandle c : children) {
      if (c.isAlive()) {
        orphans.add(c);
        left.add(c.pid() + " " + c.info().commandLine().orElse("?"));
      }
    }
    return left;
  }

  /** SIGTERM, then SIGKILL after 60 s. */
  void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!waitFor(Duration.ofSeconds(60))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Waits for the children of killed daemons to end; returns those still running after the timeout. */
  List<String> awaitOrphans(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> left = new ArrayList<>();
    for (ProcessHandle h : orphans) {
      while (h.isAlive() && System.nanoTime() < deadline) {
        sleep(100);
      }
      if (h.isAlive()) {
        left.add(h.pid() + " " + h.info().commandLine().orElse("?"));
      }
    }
    return left;
  }

  /**
   * After a failed test: stops the daemon, removes every libvirt domain whose disks are in the
   * data dir, and waits for the killed daemons' children; reports nothing (the test failed).
   */
  void stopAndReap() {
    stop();
    try {
      EcsboxHarness.host().namesUsing(dataDir).forEach(n -> EcsboxHarness.host().remove(n));
    } catch (org.libvirt.LibvirtException e) {
      System.out.println("ecsbox IT cleanup of " + dataDir + ": " + e.getMessage());
    }
    awaitOrphans(Duration.ofSeconds(60));
  }

  /**
   * Stops the daemon and reports what it and the killed ones left on the host: their children
   * still running after 60 s, and libvirt domains whose disks are in the data dir.
   */
  List<String> stopAndListLeftovers() {
    List<String> bad = new ArrayList<>();
    stop();
    List<String> left = awaitOrphans(Duration.ofSeconds(60));
    if (!left.isEmpty()) {
      bad.add("processes left by the killed daemons: " + left);
    }
    try {
      List<String> ours = EcsboxHarness.host().namesUsing(dataDir);
      if (!ours.isEmpty()) {
        bad.add("domains left: " + ours);
      }
    } catch (org.libvirt.LibvirtException e) {
      bad.add("cannot list domains: " + e.getMessage());
    }
    return bad;
  }

  private boolean waitFor(Duration d) {
    try {
      return process.waitFor(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Calls the action; returns the body. Throws {@link StorageKit.ApiError} for an error answer
   * and {@link UncheckedIOException} when there is no answer (daemon down or killed mid-call).
   */
  JsonNode call(String action, String... kv) {
    RawApi a = api;
    if (a == null) {
      throw new UncheckedIOException(new IOException("daemon not started"));
    }
    Map<String, String> p = new TreeMap<>(a.params(action));
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    try {
      RawApi.Response r = a.send(p);
      if (r.status() != 200) {
        throw new StorageKit.ApiError(r.code(), r.status(), r.body().path("Message").asText());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }

  /** DescribeDisks of one disk, or null when the API does not show it. */
  JsonNode disk(String id) {
    JsonNode l = call("DescribeDisks", "DiskIds", "[\"" + id + "\"]").path("Disks").path("Disk");
    return l.size() == 0 ? null : l.get(0);
  }

  /** The disk's Status, or "gone". */
  String diskStatus(String id) {
    JsonNode d = disk(id);
    return d == null ? "gone" : d.path("Status").asText();
  }

  /** Every snapshot DescribeSnapshots shows, by id, oldest first. */
  Map<String, JsonNode> snapshots() {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    for (JsonNode s : call("DescribeSnapshots", "PageSize", "100").path("Snapshots").path("Snapshot")) {
      out.put(s.path("SnapshotId").asText(), s);
    }
    return out;
  }

  /** Every instance DescribeInstances lists, by id. */
  Map<String, JsonNode> instances() {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    call("DescribeInstances", "PageSize", "100").path("Instances").path("Instance")
        .forEach(i -> out.put(i.path("InstanceId").asText(), i));
    return out;
  }

  /** Every image of the caller's own that DescribeImages lists, in any status, by id. */
  Map<String, JsonNode> customImages() {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    call("DescribeImages", "ImageOwnerAlias", "self", "Status", "Creating,Available,CreateFailed", "PageSize", "100")
        .path("Images").path("Image").forEach(i -> out.put(i.path("ImageId").asText(), i));
    return out;
  }

  /** The snapshot's Status, or "gone". */
  String snapshotStatus(String id) {
    JsonNode l = call("DescribeSnapshots", "SnapshotIds", "[\"" + id + "\"]").path("Snapshots").path("Snapshot");
    return l.size() == 0 ? "gone" : l.get(0).path("Status").asText();
  }

  Path dataDir() {
    return dataDir;
  }

  Path log() {
    return log;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  /** The last {@code chars} characters of the log. */
  String tail(int chars) {
    try {
      String s = Files.readString(log);
      return s.substring(Math.max(0, s.length() - chars));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Polls {@code done} every 100 ms; fails after {@code timeout}. */
  static void await(String what, Duration timeout, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      sleep(100);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops the daemon if it runs and deletes the data dir (the log stays). */
  @Override
  public void close() {
    if (alive()) {
      stop();
    }
    NetworkCleanup.forDataDir(dataDir);
    EcsboxHarness.deleteTree(dataDir);
  }
}
