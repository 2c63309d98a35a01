package io.ecsbox.host;

import io.ecsbox.agent.VpcAgent;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.firewall.IptablesSgApplier;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.host.vpc.IprouteVpcHost;
import io.ecsbox.host.vpc.LinuxNames;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the network objects a stopped daemon's scope left on the host (they outlive the
 * daemon by design, as guests do): its vRouter namespaces with their processes, bridges, DHCP
 * servers and files, its security-group chains, FORWARD hook and sets. For a data dir that is
 * being thrown away (a benchmark's, a test's); only that scope is touched.
 */
public final class ScopeCleanup {
  private static final Logger log = LoggerFactory.getLogger(ScopeCleanup.class);

  private ScopeCleanup() {}

  /** {@code tag}: the scope of the daemon that used {@code dataDir} (its config's network tag). */
  public static void removeNetworks(Path dataDir, String tag) {
    CommandRunner run = new CommandRunner();
    try {
      new IprouteVpcHost(run, dataDir.resolve("network"), new LinuxNames(tag))
          .prune(() -> new VpcAgent.Present(Set.of(), Set.of()));
    } catch (RuntimeException e) {
      log.warn("removing the VPCs of {} from the host: {}", dataDir, e.getMessage());
    }
    try {
      new IptablesSgApplier(run, SgNames.forScope(tag)).removeAll();
    } catch (RuntimeException e) {
      log.warn("removing the security groups of {} from the host: {}", dataDir, e.getMessage());
    }
  }
}
