package io.ecsbox.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.Json;
import io.ecsbox.bench.BenchJson;
import io.ecsbox.bench.DiskIoBench;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.host.exec.CommandRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecsbox bench disk-io}: QEMU's disk I/O modes side by side on the disk that holds the
 * guests' volumes; why ecsbox's disks use the mode they use.
 */
@Command(name = "disk-io", mixinStandardHelpOptions = true,
    description = "Measure QEMU's disk I/O modes (io='native', 'io_uring', 'threads') side by side with"
        + " qemu-img bench on a qcow2 file with cache=none, as a guest's disk runs: 4 KiB writes and"
        + " reads, each mode once per round in a shuffled order; prints median IOPS and the ratio to"
        + " native. The file is made in --dir and removed at the end. Run as root.")
public final class BenchDiskIoCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the test file goes: the file system of the volumes (default $ECSBOX_DATA_DIR/volumes,"
          + " else /var/lib/ecsbox/volumes).")
  Path dir;

  @Option(names = "--rounds", defaultValue = "5", description = "Rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--requests", defaultValue = "50000",
      description = "4 KiB requests per mode, operation and round (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--depth", defaultValue = "32", description = "Requests in flight (default ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--quick", description = "Smoke run: 1 round of 2,000 requests.")
  boolean quick;

  public BenchDiskIoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Path where = dir != null ? dir
        : Path.of(ctx.env().getOrDefault("ECSBOX_DATA_DIR", "/var/lib/ecsbox"), "volumes");
    Files.createDirectories(where);
    PrintWriter out = ctx.out();
    DiskIoBench.Result r = new DiskIoBench(new CommandRunner(), line -> {
      if (!ctx.json()) {
        out.println("disk-io: " + line);
        out.flush();
      }
    }).run(where, quick ? 1 : rounds, quick ? 2000 : requests, depth);
    if (ctx.json()) {
      ObjectNode o = Json.object().put("requests", r.requests()).put("depth", r.depth());
      for (String mode : DiskIoBench.MODES) {
        ObjectNode m = o.putObject(mode);
        for (String op : DiskIoBench.OPS) {
          BenchJson.number(m, op + "Iops", r.median(mode, op));
          BenchJson.number(m, op + "RatioToNative", r.ratioToNative(mode, op));
        }
        if (r.failures().containsKey(mode)) {
          m.put("failure", r.failures().get(mode));
        }
      }
      out.println(o.toPrettyString());
    } else {
      out.printf("4 KiB requests, %d in flight, %d per run, qcow2 with cache=none in %s%n", r.depth(),
          r.requests(), where);
      for (String mode : DiskIoBench.MODES) {
        if (r.failures().containsKey(mode)) {
          out.printf("  %-9s cannot run here: %s%n", mode, r.failures().get(mode));
          continue;
        }
        out.printf("  %-9s write %8.0f IOPS (%.2f x native)   read %8.0f IOPS (%.2f x native)%n", mode,
            r.median(mode, "write"), r.ratioToNative(mode, "write"), r.median(mode, "read"),
            r.ratioToNative(mode, "read"));
      }
      out.println("  (medians over rounds; ratios are the median of each round's ratio)");
    }
    out.flush();
    return r.failures().containsKey("native") ? ExitCodes.API_ERROR : ExitCodes.OK;
  }
}
