package io.ecsbox.it;

import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.EcsClient;
import io.ecsbox.tls.Fingerprint;
import java.net.URI;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.DeleteInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.GetInstanceConsoleOutputRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.daemon.Daemon;
import io.ecsbox.config.DaemonConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * One ecsbox daemon for one IT class, on a fresh data dir under {@code /var/lib/ecsbox-it},
 * with the tiny test image, an official-SDK client and the waits the tests need. Every
 * instance id the tests get back is tracked; {@link #close} deletes them through the API
 * (Force), destroys and undefines any domain of that name that is left, stops the daemon
 * and deletes the data dir.
 */
public final class EcsboxHarness implements AutoCloseable {
  public static final String IMAGE_ID = "ecsbox-tiny-x64";
  public static final String NANO = "ecs.t5-lc2m1.nano";
  public static final String REGION = "local-1";
  public static final String ZONE = "local-1a";
  /** Boot waits: ~5 s under KVM, up to 60-90 s under TCG. */
  public static final Duration BOOT = Duration.ofSeconds(Long.getLong("ecsbox.it.bootSeconds", 180));
  public static final Pattern READY = Pattern.compile("ECSBOX-READY instance-id=(\\S+) hostname=(\\S+)");

  static final Path IT_ROOT = Path.of("/var/lib/ecsbox-it");
  static final Path IMAGE_SOURCE = Path.of(System.getProperty("ecsbox.it.imageDir", "/var/lib/ecsbox/images/system"));
  /** One tag per test JVM; every data dir (and the embedded libvirt root) lives under it. */
  static final String SESSION = "s" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  static final Path SESSION_DIR = IT_ROOT.resolve(SESSION);
  /**
   * The libvirt the daemon and tests use: the host's own, like a real install. The daemon
   * only reaps domains whose disks are in its own data dir, so other daemons' guests are safe
   * (DaemonRestartIT checks it). {@code -Decsbox.it.libvirtUri=qemu:///embed?root=DIR} isolates.
   */
  public static final String LIBVIRT_URI = System.getProperty("ecsbox.it.libvirtUri", "qemu:///system");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LibvirtView libvirt;

  private final Path dataDir;
  private List<String> zones = List.of();
  private java.util.Map<String, String> env = java.util.Map.of();
  private final Set<String> created = new LinkedHashSet<>();
  private Daemon daemon;
  private int port;
  private String keyId;
  private String secret;
  private IAcsClient sdk;
  /** The API's certificate fingerprint admin.credentials names; null while the API is plain HTTP. */
  private String certificateSha256;

  private EcsboxHarness(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** Makes a data dir named after {@code name}, copies the image in and starts the daemon. */
  public static EcsboxHarness start(String name) throws IOException {
    return start(name, List.of());
  }

  /** Like {@link #start(String)}, with the daemon's zones (empty: the default one). */
  public static EcsboxHarness start(String name, List<String> zones) throws IOException {
    return start(name, zones, java.util.Map.of());
  }

  /** Like {@link #start(String, List)}, with settings ({@code ECSBOX_...}) on top of this JVM's environment. */
  public static EcsboxHarness start(String name, List<String> zones, java.util.Map<String, String> env)
      throws IOException {
    return start(name, zones, env, List.of());
  }

  /**
   * Like {@link #start(String, List, java.util.Map)}, with more public images from the image
   * dir besides the tiny one (e.g. {@code ecsbox-debian-12}, see {@link #buildDebianImages}).
   */
  public static EcsboxHarness start(String name, List<String> zones, java.util.Map<String, String> env,
      List<String> moreImages) throws IOException {
    Path dir = SESSION_DIR.resolve(name + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36));
    mkdir0711(IT_ROOT);
    mkdir0711(SESSION_DIR);
    mkdir0711(dir);
    Path images = dir.resolve("images/system");
    Files.createDirectories(images);
    List<String> imageIds = new ArrayList<>(List.of(IMAGE_ID));
    imageIds.addAll(moreImages);
    for (String image : imageIds) {
      for (String ext : List.of(".json", ".qcow2")) {
        Path src = IMAGE_SOURCE.resolve(image + ext);
        if (!Files.exists(src)) {
          throw new IllegalStateException(src + " is missing: run images/build-"
              + (image.equals(IMAGE_ID) ? "tiny" : "debian") + ".sh --data-dir /var/lib/ecsbox");
        }
        Files.copy(src, images.resolve(image + ext));
      }
    }
    EcsboxHarness h = new EcsboxHarness(dir);
    h.zones = zones;
    h.env = java.util.Map.copyOf(env);
    try {
      host(); // the event loop must exist before the daemon connects
      h.startDaemon(0);
    } catch (IOException | RuntimeException | Error e) {
      h.close();
      throw e;
    }
    return h;
  }

  /**
   * Makes sure the Debian images are built and installed in the image dir: runs
   * images/build-debian.sh, which returns at once when its cached build is current and waits
   * for a build already under way (run-tests.sh starts one in the background before Maven).
   */
  public static synchronized void buildDebianImages() {
    Path script = Path.of(System.getProperty("ecsbox.it.sourceDir", "."), "images", "build-debian.sh");
    Path dataDir = IMAGE_SOURCE.getParent().getParent();
    long t0 = System.nanoTime();
    var r = new io.ecsbox.host.exec.CommandRunner().runAllowingFailure(
        List.of(script.toString(), "--data-dir", dataDir.toString()), Duration.ofMinutes(30));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(script + " failed (exit " + r.exitCode() + "):\n" + r.stdout() + r.stderr());
    }
    System.out.printf("ecsbox IT: %s took %.1f s: %s%n", script, (System.nanoTime() - t0) / 1e9,
        r.stdout().strip().replace('\n', ' '));
  }

  /** The tests' libvirt view (shared by all classes of this JVM). */
  public static synchronized LibvirtView host() {
    if (libvirt == null) {
      try {
        if (LIBVIRT_URI.contains("/embed")) {
          mkdir0711(IT_ROOT);
          mkdir0711(SESSION_DIR);
          Library.initEventLoop();
          Thread loop = new Thread(() -> {
            try {
              Library.runEventLoop();
            } catch (LibvirtException | InterruptedException e) {
              System.err.println("ecsbox IT: libvirt event loop ended: " + e.getMessage());
            }
          }, "libvirt-events");
          loop.setDaemon(true);
          loop.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(SESSION_DIR)));
        reapOldSessions();
        libvirt = new LibvirtView(LIBVIRT_URI);
      } catch (LibvirtException | IOException e) {
        throw new IllegalStateException("cannot open libvirt at " + LIBVIRT_URI + ": " + e.getMessage(), e);
      }
    }
    return libvirt;
  }

  private void startDaemon(int listenPort) throws IOException {
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.putIfAbsent("ECSBOX_API_RATE", "0"); // tests poll and loop; a test of throttling sets it
    env.put("ECSBOX_ZONES", String.join(",", zones));
    env.putAll(this.env);
    daemon = Daemon.start(DaemonConfig.load(env, new DaemonConfig.Flags(dataDir.toString(),
        "127.0.0.1:" + listenPort, LIBVIRT_URI)));
    port = daemon.port();
    JsonNode creds = JSON.readTree(Files.readString(dataDir.resolve("admin.credentials")));
    keyId = creds.get("AccessKeyId").asText();
    secret = creds.get("AccessKeySecret").asText();
    certificateSha256 = creds.path("Endpoint").asText().startsWith("https://")
        ? creds.get("CertificateSha256").asText() : null;
    sdk = certificateSha256 == null ? sdk(keyId, secret) : null;
    // The SDK pools keep-alive connections JVM-wide; after a restart the first uses of stale
    // ones fail with NoHttpResponseException (SDK.ServerUnreachable). Drain them here.
    waitUntil("the API to answer", Duration.ofSeconds(15), () -> {
      try {
        if (certificateSha256 != null) {
          return client().call("DescribeRegions", java.util.Map.of()) != null;
        }
        return call(new com.aliyuncs.ecs.model.v20140526.DescribeRegionsRequest()) != null;
      } catch (ClientException | EcsApiException e) {
        return false;
      }
    }, ok -> ok, null);
  }

  /** Stops the daemon (guests keep running) and starts it again on the same data dir and port. */
  public void restart() throws IOException {
    stopDaemon();
    startDaemon(port);
  }

  /** Restarts the daemon with these settings ({@code ECSBOX_...}) instead of those it started with. */
  public void restartWith(java.util.Map<String, String> env) throws IOException {
    stopDaemon();
    this.env = java.util.Map.copyOf(env);
    startDaemon(port);
  }

  /** Stops the daemon only; {@link #startAgain} brings it back. */
  public void stopDaemon() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }

  public void startAgain() throws IOException {
    startDaemon(port);
  }

  /** An SDK client for this daemon with the given key (e.g. a wrong secret). */
  public IAcsClient sdk(String accessKeyId, String accessKeySecret) {
    DefaultProfile profile = DefaultProfile.getProfile(REGION, accessKeyId, accessKeySecret);
    DefaultProfile.addEndpoint(REGION, "Ecs", "127.0.0.1:" + port);
    if (certificateSha256 != null) {
      // its Apache client is one per JVM and keeps the TLS trust of its first use: see TlsIT
      throw new IllegalStateException("the classic SDK client is for a plain-HTTP daemon; this one serves HTTPS");
    }
    profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
    return new DefaultAcsClient(profile);
  }

  public IAcsClient sdk() {
    return sdk;
  }

  /** ecsbox's own client with the admin key, trusting the certificate admin.credentials names. */
  public EcsClient client() {
    Set<Fingerprint> trusted = certificateSha256 == null ? Set.of() : Set.of(Fingerprint.parse(certificateSha256));
    return EcsClient.of(new ClientConfig(URI.create(endpoint()), keyId, secret, REGION, "the harness", trusted,
        dataDir.resolve("known_endpoints")), System.err::println);
  }

  /** What one {@code ecsbox} command line produced. */
  public record CliResult(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /** Runs the {@code ecsbox} CLI in-process, with its real HTTP client, against this daemon. */
  public CliResult cli(String... args) {
    java.util.Map<String, String> cliEnv = java.util.Map.of(
        "ECSBOX_ENDPOINT", endpoint(),
        "ECSBOX_ACCESS_KEY_ID", accessKeyId(),
        "ECSBOX_ACCESS_KEY_SECRET", accessKeySecret(),
        "ECSBOX_DATA_DIR", dataDir.toString());
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    io.ecsbox.cli.common.CliContext ctx = new io.ecsbox.cli.common.CliContext(new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(err, true),
        () -> io.ecsbox.client.EcsClient.forCommand(io.ecsbox.client.ClientConfig.resolve(cliEnv, dataDir))::call,
        java.time.Clock.systemUTC(), io.ecsbox.cli.common.Waiter.THREAD_SLEEPER, false, cliEnv);
    int exit = io.ecsbox.cli.Main.run(ctx, args);
    return new CliResult(exit, out.toString(), err.toString());
  }

  public <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
    return sdk.getAcsResponse(request);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Every Action the daemon serves, sorted. */
  public List<String> actions() {
    return daemon.actions().stream().sorted().toList();
  }

  /** The daemon's network scope tag (its bridges, namespaces, chains and sets carry it). */
  public String networkTag() {
    java.util.Map<String, String> all = new java.util.HashMap<>(System.getenv());
    all.putAll(env);
    return NetworkCleanup.tagOf(dataDir, all);
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return (certificateSha256 == null ? "http" : "https") + "://127.0.0.1:" + port;
  }

  public String accessKeyId() {
    return keyId;
  }

  public String accessKeySecret() {
    return secret;
  }

  /** A raw-HTTP client signing with this daemon's admin key. */
  public RawApi raw() {
    return new RawApi(endpoint(), keyId, secret);
  }

  /** Remembers ids for cleanup; call it with every id a test gets back. */
  public synchronized void track(List<String> ids) {
    created.addAll(ids);
  }

  public Path instanceDir(String id) {
    return dataDir.resolve("instances").resolve(id);
  }

  /** Names under {@code <dataDir>/instances}. */
  public Set<String> instanceDirs() {
    Path root = dataDir.resolve("instances");
    if (!Files.isDirectory(root)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The instance as DescribeInstances shows it, if it does. */
  public Optional<DescribeInstancesResponse.Instance> describe(String id) throws ClientException {
    DescribeInstancesRequest r = new DescribeInstancesRequest();
    r.setInstanceIds("[\"" + id + "\"]");
    return call(r).getInstances().stream().filter(i -> id.equals(i.getInstanceId())).findFirst();
  }

  /** DescribeInstances TotalCount over all instances. */
  public int totalInstances() throws ClientException {
    return call(new DescribeInstancesRequest()).getTotalCount();
  }

  public void waitForStatus(String id, String status, Duration timeout) {
    waitUntil(id + " to be " + status, timeout, () -> {
      try {
        return describe(id).map(DescribeInstancesResponse.Instance::getStatus).orElse("<absent>");
      } catch (ClientException e) {
        return "<" + e.getErrCode() + ">";
      }
    }, status::equals, id);
  }

  /** Polls until DescribeInstances no longer shows {@code id}. */
  public void waitUntilGone(String id, Duration timeout) {
    waitUntil(id + " to leave DescribeInstances", timeout, () -> {
      try {
        return describe(id).isPresent();
      } catch (ClientException e) {
        return true;
      }
    }, present -> !present, null);
  }

  /** The serial console so far (GetInstanceConsoleOutput, Base64-decoded). */
  public String consoleText(String id) throws ClientException {
    GetInstanceConsoleOutputRequest r = new GetInstanceConsoleOutputRequest();
    r.setInstanceId(id);
    String b64 = call(r).getConsoleOutput();
    return b64 == null ? "" : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  /** Waits until at least {@code minCount} console lines match {@code line}; returns the console. */
  public String waitForConsoleLine(String id, Pattern line, int minCount, Duration timeout) {
    return waitUntil(minCount + "x /" + line + "/ on the console of " + id, timeout, () -> {
      try {
        return consoleText(id);
      } catch (ClientException e) {
        return "";
      }
    }, text -> count(line, text) >= minCount, id);
  }

  public static int count(Pattern p, String text) {
    int n = 0;
    for (String l : text.split("\r?\n|\r")) {
      if (p.matcher(l).find()) {
        n++;
      }
    }
    return n;
  }

  /** Polls {@code probe} every 500 ms until {@code done}; fails with the last value (and console). */
  public <T> T waitUntil(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done,
      String consoleOf) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        String tail = "";
        if (consoleOf != null) {
          try {
            String c = consoleText(consoleOf);
            tail = "\n--- console tail of " + consoleOf + " ---\n" + c.substring(Math.max(0, c.length() - 3000));
          } catch (ClientException | RuntimeException e) {
            tail = "\n(console unreadable: " + e.getMessage() + ")";
          }
        }
        String shown = String.valueOf(last);
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
            + "; last seen: " + shown.substring(0, Math.min(shown.length(), 500)) + tail);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      last = probe.get();
    }
    return last;
  }

  /** A unique lowercase marker for this run. */
  public static String marker(String what) {
    return what + "-" + SESSION + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
  }

  /** Group of the first match of {@code p} in {@code text}, or null. */
  public static String find(Pattern p, String text, int group) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(group) : null;
  }

  @Override
  public void close() {
    List<String> ids;
    synchronized (this) {
      ids = new ArrayList<>(created);
    }
    if (daemon != null) {
      for (String id : ids) {
        try {
          DeleteInstanceRequest r = new DeleteInstanceRequest();
          r.setInstanceId(id);
          r.setForce(true);
          call(r);
        } catch (ClientException e) {
          // already deleted (InvalidInstanceId.NotFound) or the daemon is unwell: backstop below
        }
      }
      for (String id : ids) {
        try {
          waitUntil(id + " to be released", Duration.ofSeconds(60),
              () -> host().state(id).isPresent() || Files.exists(instanceDir(id)), busy -> !busy, null);
        } catch (AssertionError e) {
          System.err.println("ecsbox IT cleanup: " + e.getMessage());
        }
      }
      stopDaemon();
    }
    ids.forEach(id -> host().remove(id));
    NetworkCleanup.forDataDir(dataDir);
    deleteTree(dataDir);
  }

  // Reaper: session dirs a killed test JVM left behind (a day old, so never a live run's).
  private static void reapOldSessions() {
    try (Stream<Path> s = Files.list(IT_ROOT)) {
      java.time.Instant cutoff = java.time.Instant.now().minus(Duration.ofHours(24));
      s.filter(p -> p.getFileName().toString().matches("s[a-z0-9]+") && !p.equals(SESSION_DIR))
          .filter(p -> {
            try {
              return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
            } catch (IOException e) {
              return false;
            }
          })
          .forEach(EcsboxHarness::deleteTree);
    } catch (IOException e) {
      System.err.println("ecsbox IT: cannot reap " + IT_ROOT + ": " + e.getMessage());
    }
  }

  static void mkdir0711(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          System.err.println("ecsbox IT cleanup: cannot delete " + p + ": " + e.getMessage());
        }
      });
    } catch (IOException e) {
      System.err.println("ecsbox IT cleanup: cannot walk " + dir + ": " + e.getMessage());
    }
  }
}
