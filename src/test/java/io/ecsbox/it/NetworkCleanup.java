package io.ecsbox.it;

import io.ecsbox.host.CommandRunner;
import io.ecsbox.network.iproute.IprouteVpcHost;
import io.ecsbox.network.iproute.LinuxNames;
import io.ecsbox.network.iproute.NetworkScope;
import io.ecsbox.network.secgroup.SgNames;
import io.ecsbox.network.secgroup.iptables.IptablesSgApplier;
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

  static void forDataDir(Path dataDir) {
    CommandRunner run = new CommandRunner();
    String tag = NetworkScope.tagFor(dataDir, Map.of());
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
}
