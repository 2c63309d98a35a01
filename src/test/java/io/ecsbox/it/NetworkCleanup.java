package io.ecsbox.it;

import io.ecsbox.bench.DaemonState;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.config.DaemonConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Removes the host network objects a test daemon's data dir owns, after the daemon stopped (a
 * stopped daemon keeps its data plane, as guests keep running): its vRouter namespaces,
 * bridges, DHCP servers, security-group chains and sets. Only that scope is touched.
 */
final class NetworkCleanup {
  private NetworkCleanup() {}

  /** The data dir's security-group chains and ipsets, as {@link DaemonState#firewall} reads them. */
  static String rulesOf(Path dataDir) {
    return DaemonState.firewall(new CommandRunner(), SgNames.forScope(tagOf(dataDir, Map.of())));
  }

  static void forDataDir(Path dataDir) {
    io.ecsbox.host.ScopeCleanup.removeNetworks(dataDir, tagOf(dataDir, Map.of()));
  }

  /** The network scope tag a daemon of {@code dataDir} uses with environment {@code env}. */
  static String tagOf(java.nio.file.Path dataDir, Map<String, String> env) {
    return DaemonConfig.load(env, new DaemonConfig.Flags(dataDir.toString(), null, null)).network().tag();
  }
}
