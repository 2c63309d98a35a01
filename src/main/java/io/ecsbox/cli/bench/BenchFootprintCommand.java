package io.ecsbox.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.bench.EcsboxLaunch;
import io.ecsbox.bench.Footprint;
import io.ecsbox.bench.LaunchResult;
import io.ecsbox.bench.ProcessMemory;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.Settings;
import io.ecsbox.host.exec.CommandRunner;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecsbox bench footprint}: the memory of a running daemon (RSS, heap, metaspace, threads,
 * and the JVM's native account when it runs with -XX:NativeMemoryTracking=summary), optionally
 * with N tiny instances running on it, which it launches first and deletes after.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
    description = {"Print the memory of a running ecsbox daemon: RSS and threads (/proc), heap and metaspace",
        "used/committed (jcmd GC.heap_info) and, when the daemon runs with",
        "-XX:NativeMemoryTracking=summary, the JVM's native memory by category.",
        "The daemon is --pid, else the process listening on the CLI's endpoint. With --instances N it",
        "first launches N of the smallest instances through the API, waits until they are READY,",
        "reads after --settle seconds and deletes them. Run as root on the daemon's host."})
public final class BenchFootprintCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--pid", description = "The daemon's process (default: the one listening on the endpoint).")
  Long pid;

  @Option(names = "--instances", defaultValue = "0",
      description = "Instances to run while reading (default ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--settle", defaultValue = "60",
      description = "Seconds to wait before reading: the daemon idle (default ${DEFAULT-VALUE}).")
  int settle;

  @Option(names = "--quick", description = "Smoke run: read at once, no settling.")
  boolean quick;

  @Option(names = "--image", defaultValue = "ecsbox-tiny-x64", description = "Image (default ${DEFAULT-VALUE}).")
  String image;

  @Option(names = "--timeout", defaultValue = "900", description = "Seconds to wait for READY (default ${DEFAULT-VALUE}).")
  int timeout;

  @Option(names = "--data-dir", description = "The daemon's data dir (default $ECSBOX_DATA_DIR or /var/lib/ecsbox).")
  Path dataDir;

  public BenchFootprintCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    long daemon = pid != null ? pid : endpointPid();
    if (daemon < 0) {
      ctx.err().println("Error: no process of this host listens on the endpoint; give --pid");
      return ExitCodes.USAGE;
    }
    AtomicReference<Footprint> read = new AtomicReference<>();
    Runnable reading = () -> {
      try {
        Thread.sleep(quick ? 0 : settle * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      read.set(Footprint.of(daemon, new CommandRunner()));
    };
    if (instances > 0) {
      Path dir = dataDir != null ? dataDir
          : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR", Settings.DEFAULT_DATA_DIR.toString()));
      LaunchResult r = new EcsboxLaunch((action, p) -> {
        Params params = new Params();
        p.forEach(params::put);
        return ctx.call(action, params);
      }, dir).run(instances, image, InstanceTypeCatalog.builtIn().smallest().id(), timeout, reading);
      if (!r.failures().isEmpty() || Double.isNaN(r.allReady())) {
        ctx.err().println("Error: not all " + instances + " instances became READY: " + r.failures());
        return ExitCodes.API_ERROR;
      }
    } else {
      reading.run();
    }
    Footprint f = read.get();
    if (ctx.json()) {
      ObjectNode o = f.json();
      o.put("Pid", daemon).put("InstancesLaunched", instances);
      ctx.out().println(o.toPrettyString());
    } else {
      ctx.out().printf("bench footprint: daemon pid %d%s%n", daemon,
          instances > 0 ? ", " + instances + " instances launched for it and READY" : "");
      ctx.out().print(f.describe());
      ctx.out().flush();
    }
    return 0;
  }

  private long endpointPid() {
    URI endpoint = ClientConfig.resolve(ctx.env(), Path.of(System.getProperty("user.home"))).endpoint();
    return ProcessMemory.listener(endpoint.getPort() != -1 ? endpoint.getPort() : 80).orElse(-1);
  }
}
