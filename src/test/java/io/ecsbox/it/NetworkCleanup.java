package io.ecsbox.it;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.host.firewall.IptablesSgApplier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Removes the host network objects a test daemon's data dir owns, after the daemon stopped (a
 * stopped daemon keeps its data plane, as guests keep running): its vRouter namespaces,
 * bridges, DHCP servers, security-group chains and sets. Only that scope is touched.
 */
final class NetworkCleanup {
  private NetworkCleanup() {}

  /**
   * The data dir's security-group chains (filter table, with their rules) and ipsets with their
   * members, sorted, without packet counters or the sets' random hash seed (initval), which a
   * reconcile's atomic swap of a set renews: equal text means the same filtering.
   */
  static String rulesOf(Path dataDir) {
    CommandRunner run = new CommandRunner();
    SgNames names = SgNames.forScope(tagOf(dataDir, Map.of()));
    String chains = run.run("iptables-save", "-t", "filter").stdout().lines()
        .filter(l -> l.contains(names.chainPrefix()))
        .map(l -> l.startsWith(":") ? l.replaceAll(" \\[\\d+:\\d+\\]$", "") : l)
        .sorted().reduce("", (a, b) -> a + b + "\n");
    String sets = run.run("ipset", "save").stdout().lines().filter(l -> l.contains(" " + names.setPrefix()))
        .map(l -> l.replaceAll(" initval 0x[0-9a-f]+", "")).sorted().reduce("", (a, b) -> a + b + "\n");
    return chains + sets;
  }

  static void forDataDir(Path dataDir) {
    CommandRunner run = new CommandRunner();
    String tag = tagOf(dataDir, Map.of());
    try {
      new IprouteVpcHost(run, dataDir.resolve("network"), new LinuxNames(tag)).reconcile(Set.of(), Map.of());
    } catch (RuntimeException e) {
      System.err.println("ecsbox IT cleanup: VPCs of " + dataDir + ": " + e.getMessage());
    }
    try {
      new IptablesSgApplier(run, SgNames.forScope(tag)).removeAll();
    } catch (RuntimeException e) {
      System.err.println("ecsbox IT cleanup: security groups of " + dataDir + ": " + e.getMessage());
    }
  }

  /** The network scope tag a daemon of {@code dataDir} uses with environment {@code env}. */
  static String tagOf(java.nio.file.Path dataDir, Map<String, String> env) {
    return DaemonConfig.load(env, new DaemonConfig.Flags(dataDir.toString(), null, null)).network().tag();
  }
}
