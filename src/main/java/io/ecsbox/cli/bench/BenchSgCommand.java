package io.ecsbox.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.bench.PrivateDaemon;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.bench.SgBench;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecsbox bench sg}: security-group programming on this host, side by side in one run:
 * the whole model through ecsbox's applier (ipset restore + one iptables-restore) against one
 * iptables/ipset call per rule, and the time one rule change takes to reach the kernel.
 */
@Command(name = "sg", mixinStandardHelpOptions = true,
    description = {"Measure security groups on this host: program NICs and rules (a fifth of",
        "them group references) through ecsbox's applier and through one iptables call",
        "per rule in the same run, then time single rule changes. Uses session-tagged",
        "chains and sets on dummy tap names (no traffic), all removed at the end.",
        "Run as root."})
public final class BenchSgCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--nics", defaultValue = "200", description = "NICs in the model (default ${DEFAULT-VALUE}).")
  int nics;

  @Option(names = "--rules", defaultValue = "1000", description = "Rules in the model (default ${DEFAULT-VALUE}).")
  int rules;

  @Option(names = "--cap", paramLabel = "SECONDS", defaultValue = "600",
      description = "Stop the per-call run after this long and extrapolate (default ${DEFAULT-VALUE}).")
  int cap;

  @Option(names = "--quick", description = "Smoke run: 20 NICs, 100 rules, per-call run capped at 20 s.")
  boolean quick;

  public BenchSgCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    int n = quick ? 20 : nics;
    int r = quick ? 100 : rules;
    int c = quick ? 20 : cap;
    PrivateDaemon.quietLogs(System.getenv()); // one INFO line per apply would bury the figures
    PrintWriter out = ctx.out();
    if (!ctx.json()) {
      out.printf("sg bench: %d NICs, %d rules; the per-call run stops after %d s%n", n, r, c);
      out.flush();
    }
    SgBench.Result res = new SgBench(new CommandRunner()).run(n, r, c);
    if (ctx.json()) {
      ObjectNode o = io.ecsbox.api.Json.object().put("nics", res.nics()).put("rules", res.rules())
          .put("iptablesRules", res.iptablesRules()).put("applyMs", res.applyMs()).put("perCallMs", res.perCallMs())
          .put("perCallExtrapolated", res.extrapolated()).put("speedup", res.speedup())
          .put("ruleChangeMedianMs", res.ruleChangeMedianMs()).put("ruleChangeMaxMs", res.ruleChangeMaxMs())
          .put("compileMedianUs", res.compileMedianUs()).put("compileMaxUs", res.compileMaxUs());
      out.println(o.toPrettyString());
    } else {
      out.printf("  %d NICs, %d rules -> %d iptables rules%n", res.nics(), res.rules(), res.iptablesRules());
      out.printf("  ecsbox (ipset restore + one iptables-restore): %d ms%n", res.applyMs());
      out.printf("  one iptables/ipset call per rule:              %d ms%s%n", res.perCallMs(),
          res.extrapolated() ? " (extrapolated from the calls made before the cap)" : "");
      out.printf("  speed-up: %.0fx (goal >= 50x)%n", res.speedup());
      out.printf("  one rule change to take effect: median %d ms, max %d ms (goal < 100 ms)%n",
          res.ruleChangeMedianMs(), res.ruleChangeMaxMs());
    }
    out.flush();
    return 0;
  }
}
