package io.ecsbox.daemon;

import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiServer;
import io.ecsbox.api.actions.ConsoleActions;
import io.ecsbox.compute.ConsoleAccess;
import io.ecsbox.compute.ConsoleTickets;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.host.console.ConsolePages;
import io.ecsbox.host.console.ConsoleProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The consoles in the browser: one-time tickets, the WebSocket proxy on ECSBOX_CONSOLE_LISTEN (TLS
 * when the API has it), the console pages on the API's port and the Actions that issue the URLs.
 */
final class ConsoleModule implements AutoCloseable {
  final ConsoleProxy proxy;

  ConsoleModule(DaemonConfig config, Optional<SSLContext> tls, ComputeModule compute, HostModule host,
      ApiServer api, ActionRegistry registry) throws IOException {
    ConsoleTickets tickets = new ConsoleTickets(Clock.systemUTC());
    DaemonConfig.Listen at = config.consoleListen();
    try {
      proxy = new ConsoleProxy(new InetSocketAddress(at.host(), at.port()), tls, tickets, config.dataDir());
    } catch (IOException e) {
      throw new IOException(e.getMessage() + " (set ECSBOX_CONSOLE_LISTEN to a free address)", e);
    }
    new ConsoleActions(new ConsoleAccess(compute.instances, tickets, host.consoles), tls.isPresent(), proxy::port)
        .registerIn(registry);
    api.serve(ConsolePages.PATH, new ConsolePages(tickets, proxy.port(), tls.isPresent(), ConsolePages.NOVNC,
        ConsolePages.XTERM));
  }

  @Override
  public void close() {
    proxy.close();
  }
}
