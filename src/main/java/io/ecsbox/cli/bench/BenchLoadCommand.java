package io.ecsbox.cli.bench;

import io.ecsbox.bench.BenchTicker;
import io.ecsbox.bench.InstanceLeaks;
import io.ecsbox.bench.LoadBench;
import io.ecsbox.bench.LoadReport;
import io.ecsbox.bench.PrivateDaemon;
import io.ecsbox.bench.ProcessMemory;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsClient;
import io.ecsbox.client.Json;
import io.ecsbox.config.Settings;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecsbox bench load}: N concurrent API clients on a mix of Describes and instance
 * changes for a while, against a private in-process daemon or a running one on loopback;
 * prints calls, errors, throttled calls, latencies, the daemon's memory and any leftovers.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Load the API: N concurrent clients call, without pause, a mix of Describe calls (about 80%%:"
        + " DescribeInstances, DescribeInstanceStatus, DescribeDisks, DescribeVpcs, DescribeVSwitches,"
        + " DescribeSecurityGroups, DescribeImages, DescribeNetworkInterfaces) and RunInstances,"
        + " StopInstance (ForceStop 3 times in 4), StartInstance and DeleteInstance on tiny instances,"
        + " at most --max-instances alive at once, each changed by one client at a time. At the end"
        + " every instance the run made is deleted and waited for until DescribeInstances no longer"
        + " lists it; then the host is checked for their libvirt domains, directories and (private"
        + " daemon only) store rows. Prints calls per action, errors by code (Throttling counts as"
        + " throttled, not as an error), p50/p99 latency of successful calls, and RSS at start and end:"
        + " of this JVM (the private daemon and the clients; with heap after a GC), or of the --endpoint"
        + " daemon's process, found by its port. Exit code 1 when any call failed or anything was left."
        + " Runs a private in-process daemon (own data dir and store) unless --endpoint names a running"
        + " one on this host (credentials as for other commands, from ECSBOX_*). Run as root with"
        + " libvirtd running; Ctrl-C deletes what it made.")
public final class BenchLoadCommand implements Callable<Integer> {
  /** How long deleted instances may take to leave the host after they are no longer listed. */
  private static final long LEAK_WAIT_MS = 120_000;
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "50",
      description = "Concurrent API clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long the clients call (default ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--max-instances", paramLabel = "K", defaultValue = "8",
      description = "Instances alive at once at most; each is a QEMU guest (default ${DEFAULT-VALUE}).")
  int maxInstances;

  @Option(names = "--quick", description = "Smoke run: 8 clients, 30 s, at most 2 instances.")
  boolean quick;

  @Option(names = "--image", defaultValue = "ecsbox-tiny-x64", description = "Image (default ${DEFAULT-VALUE}).")
  String image;

  @Option(names = "--type", defaultValue = "ecs.t5-lc2m1.nano",
      description = "Instance type (default ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "A running daemon on this host (loopback only) instead of a private one.")
  URI endpoint;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "With --endpoint: that daemon's data dir, where leftovers are looked for"
          + " (default $ECSBOX_DATA_DIR, else /var/lib/ecsbox).")
  Path dataDir;

  @Option(names = "--image-dir", paramLabel = "DIR",
      description = "Where the image is, for the private daemon (default $ECSBOX_DATA_DIR/images/system).")
  Path imageDir;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Parent of the private data dir (default /var/lib/ecsbox-bench).")
  Path root = Path.of(PrivateDaemon.DEFAULT_ROOT_TEXT); // a constant: PrivateDaemon loads only when a bench runs

  @Option(names = "--seed", description = "Seed of the clients' choices (default: random; printed).")
  Long seed;

  public BenchLoadCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    LoadBench.Settings s;
    try {
      s = quick ? new LoadBench.Settings(8, Duration.ofSeconds(30), 2, image, type)
          : new LoadBench.Settings(clients, Duration.ofSeconds(duration), maxInstances, image, type);
      if (endpoint != null) {
        requireLoopback(endpoint);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrivateDaemon.quietLogs(ctx.env()); // the daemon's INFO lines, or the hypervisor's, would bury the figures
    long sd = seed != null ? seed : new Random().nextLong();
    PrintWriter out = ctx.out();
    PrintWriter err = ctx.err();
    Consumer<String> progress = line -> {
      err.println("bench load: " + line);
      err.flush();
    };
    if (!ctx.json()) {
      out.printf("bench load: %d clients, %d s, at most %d x %s from %s, seed %d, %s%n", s.clients(),
          s.duration().toSeconds(), s.maxInstances(), s.type(), s.image(), sd,
          endpoint == null ? "private in-process daemon" : "daemon at " + endpoint);
      out.flush();
    }
    LoadReport report = endpoint == null ? privateRun(s, sd, progress) : endpointRun(s, sd, progress);
    if (ctx.json()) {
      out.print(Json.pretty(report.json().put("seed", sd)));
    } else {
      report.lines().forEach(out::println);
    }
    out.flush();
    return report.exitCode();
  }

  private LoadReport privateRun(LoadBench.Settings s, long sd, Consumer<String> progress) throws Exception {
    Path images = imageDir != null ? imageDir : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR",
        Settings.DEFAULT_DATA_DIR.toString())).resolve("images/system");
    try (PrivateDaemon d = PrivateDaemon.start(root, images, s.image())) {
      progress.accept(String.format("private daemon on 127.0.0.1:%d, data in %s", d.port(), d.dir()));
      ProcessMemory.Sample start = ProcessMemory.self();
      LoadBench.Result r = new LoadBench(d::call, BenchTicker.SYSTEM, sd, progress, d::track).run(s);
      InstanceLeaks.Clean clean;
      try (LibvirtHypervisor hv = new LibvirtHypervisor(Settings.DEFAULT_LIBVIRT_URI, false)) {
        clean = d.leaks(hv::ownedDomains).awaitNone(r.made(), BenchTicker.SYSTEM, LEAK_WAIT_MS);
      }
      ProcessMemory.Sample end = ProcessMemory.self();
      return new LoadReport(r, "this JVM (the daemon runs in it, with the clients)", start, end, clean.left(), true,
          clean.seconds());
    }
  }

  private LoadReport endpointRun(LoadBench.Settings s, long sd, Consumer<String> progress) throws Exception {
    Map<String, String> env = new HashMap<>(ctx.env());
    env.put("ECSBOX_ENDPOINT", endpoint.toString());
    EcsClient client = EcsClient.of(ClientConfig.resolve(env, Path.of(System.getProperty("user.home")), ctx.profile()),
        ctx.err()::println);
    int port = endpoint.getPort() != -1 ? endpoint.getPort() : 80;
    OptionalLong pid = ProcessMemory.listener(port);
    String of = pid.isPresent() ? "daemon pid " + pid.getAsLong() : "the daemon (no process of this host listens on "
        + port + ")";
    ProcessMemory.Sample start = pid.isPresent() ? ProcessMemory.of(pid.getAsLong()) : ProcessMemory.Sample.NONE;
    LoadBench.Result r = new LoadBench(client::call, BenchTicker.SYSTEM, sd, progress, id -> { }).run(s);
    Path dir = dataDir != null ? dataDir : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR",
        Settings.DEFAULT_DATA_DIR.toString()));
    InstanceLeaks.Clean clean;
    try (LibvirtHypervisor hv = new LibvirtHypervisor(Settings.DEFAULT_LIBVIRT_URI, false)) {
      clean = new InstanceLeaks(hv::ownedDomains, dir, null).awaitNone(r.made(), BenchTicker.SYSTEM, LEAK_WAIT_MS);
    }
    ProcessMemory.Sample end = pid.isPresent() ? ProcessMemory.of(pid.getAsLong()) : ProcessMemory.Sample.NONE;
    return new LoadReport(r, of, start, end, clean.left(), false, clean.seconds());
  }

  private static void requireLoopback(URI endpoint) {
    try {
      if (endpoint.getHost() == null || !InetAddress.getByName(endpoint.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("--endpoint must be on loopback (127.0.0.1, ::1 or localhost), got "
            + endpoint);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--endpoint names an unknown host: " + endpoint);
    }
  }
}
