package io.ecsbox.agent;

import java.util.Optional;

/**
 * Who may open an instance's console in the browser: one-time tickets the control side issued
 * (DescribeInstanceVncUrl), checked by the host's console page and WebSocket proxy.
 */
public interface ConsoleGate {
  /** Which console a ticket opens. */
  enum Kind { VNC, SERIAL }

  /** The console a valid ticket opens. */
  record Target(String instanceId, Kind kind) {}

  /**
   * The console page for {@code ticket} may be shown: once per ticket, before it expires and
   * before its WebSocket opened. Empty: show the refusal page.
   */
  Optional<Target> showPage(String ticket);

  /** Uses up {@code ticket}: its target when it is unexpired and unused, else empty (refuse). */
  Optional<Target> connect(String ticket);
}
