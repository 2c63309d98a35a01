package io.ecsbox.bench;

import io.ecsbox.agent.firewall.Nic;
import io.ecsbox.agent.firewall.SecurityGroup;
import io.ecsbox.agent.firewall.SgModel;
import io.ecsbox.agent.firewall.SgRule;
import io.ecsbox.host.firewall.SgCompiler;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.host.firewall.SgProgram;
import io.ecsbox.common.Ids;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.agent.firewall.SgRule.Direction;
import io.ecsbox.host.firewall.IptablesSgApplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Security-group programming benchmark on this host (root): a model of {@code nics} NICs and
 * {@code rules} rules (a fifth of them group references) programmed through the applier vs one
 * {@code iptables}/{@code ipset} call per rule, plus the time for one rule change to take
 * effect. Uses dummy interface names and session-tagged chains and sets, removed at the end.
 * The per-call approach stops at {@code capSeconds} and is then extrapolated (said so). A rule
 * change is timed as the service does it: one long-lived compiler, then the applier.
 */
public final class SgBench {
  private final CommandRunner run;

  public SgBench(CommandRunner run) {
    this.run = run;
  }

  /** The figures of one run. */
  public record Result(int nics, int rules, int iptablesRules, long applyMs, long perCallMs, boolean extrapolated,
      long ruleChangeMedianMs, long ruleChangeMaxMs, long compileMedianUs, long compileMaxUs) {
    public double speedup() {
      return (double) perCallMs / Math.max(1, applyMs);
    }
  }

  public Result run(int nicCount, int ruleCount, int capSeconds) {
    String id = Ids.random(3, "abcdefghijklmnopqrstuvwxyz0123456789");
    SgNames fast = SgNames.tagged("b" + id);
    SgNames slow = SgNames.tagged("n" + id);
    SgModel model = model(new Random(42), nicCount, ruleCount, id);
    IptablesSgApplier applier = new IptablesSgApplier(run, fast);
    IptablesSgApplier slowCleaner = new IptablesSgApplier(run, slow);
    try {
      SgCompiler compiler = new SgCompiler(fast, SgBench::tap);
      SgProgram program = compiler.compile(model);
      long t0 = System.nanoTime();
      applier.reconcile(program);
      long applyMs = (System.nanoTime() - t0) / 1_000_000;

      long[] changes = new long[7];
      long[] compiles = new long[changes.length];
      SgModel m = model;
      for (int i = 0; i < changes.length; i++) {
        SecurityGroup g = m.groups().iterator().next();
        List<SgRule> rs = new ArrayList<>(g.rules());
        rs.set(0, SgRule.parse(Direction.INGRESS, "tcp", (1000 + i) + "/" + (1000 + i), "10.0.0.0/8", null, null, "1"));
        m = m.withGroup(g.withRules(rs));
        long c0 = System.nanoTime();
        SgProgram changed = compiler.compile(m);
        compiles[i] = (System.nanoTime() - c0) / 1_000;
        applier.apply(changed);
        changes[i] = (System.nanoTime() - c0) / 1_000_000;
      }
      Arrays.sort(changes);
      Arrays.sort(compiles);

      SgProgram naive = new SgCompiler(slow, SgBench::tap).compile(model);
      long[] perCall = perCall(naive, capSeconds);
      return new Result(nicCount, ruleCount, program.ruleCount(), applyMs, perCall[0], perCall[1] == 1,
          changes[changes.length / 2], changes[changes.length - 1], compiles[compiles.length / 2],
          compiles[compiles.length - 1]);
    } finally {
      applier.removeAll();
      slowCleaner.removeAll();
    }
  }

  /** Programs {@code p} with one command per set, member, chain and rule; returns {ms, 1 if extrapolated}. */
  private long[] perCall(SgProgram p, int capSeconds) {
    Duration t = Duration.ofSeconds(30);
    List<List<String>> cmds = new ArrayList<>();
    for (Map.Entry<String, List<String>> s : p.sets().entrySet()) {
      cmds.add(List.of("ipset", "create", s.getKey(), "hash:ip", "family", "inet"));
      s.getValue().forEach(ip -> cmds.add(List.of("ipset", "add", s.getKey(), ip)));
    }
    p.chains().keySet().forEach(c -> cmds.add(List.of("iptables", "-w", "-N", c)));
    for (Map.Entry<String, List<String>> c : p.chains().entrySet()) {
      for (String spec : c.getValue()) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-A", c.getKey()));
        argv.addAll(Arrays.asList(spec.split(" ")));
        cmds.add(argv);
      }
    }
    cmds.add(List.of("iptables", "-w", "-I", "FORWARD", "1", "-j", p.names().forward()));
    long start = System.nanoTime();
    long deadline = start + capSeconds * 1_000_000_000L;
    int done = 0;
    for (List<String> c : cmds) {
      run.run(c, t);
      done++;
      if (System.nanoTime() > deadline && done < cmds.size()) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new long[] {ms * cmds.size() / done, 1};
      }
    }
    return new long[] {(System.nanoTime() - start) / 1_000_000, 0};
  }

  /** The dummy interface name of a bench NIC: "bx" and the NIC's tag and number. */
  static String tap(String nicId) {
    return "bx" + nicId.substring("eni-bench".length());
  }

  /** {@code nics} NICs in 2 of nics/4 groups; {@code rules} rules spread over the groups, 1 in 5 a group reference. */
  static SgModel model(Random rnd, int nics, int rules, String tag) {
    int groupCount = Math.max(2, nics / 4);
    List<String> gids = new ArrayList<>();
    for (int g = 0; g < groupCount; g++) {
      gids.add("sg-bench" + tag + g);
    }
    List<List<SgRule>> rs = new ArrayList<>();
    gids.forEach(g -> rs.add(new ArrayList<>()));
    String[] protos = {"tcp", "udp", "icmp", "all"};
    for (int i = 0; i < rules; i++) {
      String proto = protos[rnd.nextInt(4)];
      int port = 1 + rnd.nextInt(60000);
      String ports = proto.equals("tcp") || proto.equals("udp") ? port + "/" + (port + rnd.nextInt(10)) : "-1/-1";
      boolean ref = i % 5 == 0;
      String cidr = ref ? null : "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + ".0/24";
      String peer = ref ? gids.get(rnd.nextInt(groupCount)) : null;
      Direction d = rnd.nextInt(4) == 0 ? Direction.EGRESS : Direction.INGRESS;
      rs.get(i % groupCount).add(SgRule.parse(d, proto, ports, cidr, peer, rnd.nextInt(5) == 0 ? "drop" : "accept",
          "" + (1 + rnd.nextInt(100))));
    }
    List<SecurityGroup> groups = new ArrayList<>();
    for (int g = 0; g < groupCount; g++) {
      groups.add(SecurityGroup.normal(gids.get(g), rs.get(g)));
    }
    List<Nic> list = new ArrayList<>();
    for (int n = 0; n < nics; n++) {
      String g1 = gids.get(n % groupCount);
      String g2 = gids.get((n * 7 + 1) % groupCount);
      List<String> gs = g1.equals(g2) ? List.of(g1) : List.of(g1, g2);
      list.add(new Nic("eni-bench" + tag + n, String.format("52:54:01:00:%02x:%02x", n >> 8, n & 255),
          List.of("10.200." + (n >> 8) + "." + (n & 255 | 0)), gs));
    }
    return new SgModel(groups, list);
  }
}
