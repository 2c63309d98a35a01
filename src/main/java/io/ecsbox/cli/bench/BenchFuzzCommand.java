package io.ecsbox.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.Json;
import io.ecsbox.bench.DaemonState;
import io.ecsbox.bench.FuzzRun;
import io.ecsbox.bench.PrivateDaemon;
import io.ecsbox.cli.common.CliContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecsbox bench fuzz}: ApiFuzzIT's hostile calls for as long as asked, against a private
 * daemon (no image, so nothing can boot), round after round over every Action it serves.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = {"Fuzz the ECS API of a private daemon (its own data dir, removed at the end):",
        "every Action gets missing, mistyped, empty, 1 MiB, negative, unicode, NUL, path,",
        "shell and SQL values, repeated parameters and JSON lists, by GET and POST. Counts",
        "HTTP 5xx, answers an SDK cannot read, and refused calls that changed the store or",
        "the host. Exit 1 when any is found. Run as root."})
public final class BenchFuzzCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--seed", defaultValue = "20261207", description = "Seed of the calls (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--minutes", defaultValue = "10", description = "How long to run (default ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--root", paramLabel = "DIR", description = "Parent of the private data dir (default /var/lib/ecsbox-bench).")
  Path root = Path.of(PrivateDaemon.DEFAULT_ROOT_TEXT); // a constant: PrivateDaemon loads only when a bench runs

  public BenchFuzzCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    PrivateDaemon.quietLogs(ctx.env()); // refused calls log nothing, but a 5xx logs a stack
    PrintWriter out = ctx.out();
    long deadline = System.nanoTime() + (long) (minutes * 60e9);
    FuzzRun.Report r;
    try (PrivateDaemon d = PrivateDaemon.start(root, null, null, Map.of("ECSBOX_API_RATE", "0"));
        DaemonState state = d.state()) {
      FuzzRun run = new FuzzRun(d.raw(), state, seed);
      List<String> actions = d.actions().stream().sorted().toList();
      if (!ctx.json()) {
        out.printf("fuzz bench: seed %d, %d actions, %.1f minutes%n", seed, actions.size(), minutes);
        out.flush();
      }
      for (int round = 1; System.nanoTime() < deadline; round++) {
        for (String action : actions) {
          if (System.nanoTime() >= deadline) {
            break;
          }
          run.fuzz(action, 1);
        }
        if (!ctx.json()) {
          out.printf("  round %d: %d calls so far%n", round, run.report().calls());
          out.flush();
        }
      }
      r = run.report();
    }
    print(out, r);
    return r.clean() ? 0 : 1;
  }

  private void print(PrintWriter out, FuzzRun.Report r) {
    if (ctx.json()) {
      ObjectNode o = Json.object().put("seed", r.seed()).put("calls", r.calls()).put("serverErrors", r.serverErrors())
          .put("nonEcs", r.nonEcs()).put("changedAfterRefusal", r.changedAfterRefusal())
          .put("hostWindows", r.hostWindows()).put("hostChanged", r.hostChanged());
      r.succeeded().forEach(o.putArray("succeededActions")::add);
      r.findings().forEach(o.putArray("findings")::add);
      out.println(o.toPrettyString());
    } else {
      out.printf("  calls: %d%n  HTTP 5xx: %d%n  non-ECS answers: %d%n  changed after refusal: %d (store) + %d of %d"
          + " host windows%n", r.calls(), r.serverErrors(), r.nonEcs(), r.changedAfterRefusal(), r.hostChanged(),
          r.hostWindows());
      r.findings().forEach(f -> out.println("  " + f));
      if (!r.clean()) {
        out.printf("  rerun: ecsbox bench fuzz --seed %d%n", r.seed());
      }
    }
    out.flush();
  }
}
