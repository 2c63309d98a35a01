package io.ecsbox.agent.firewall;

/** What the security groups do with a packet, and why (for test failures and logs). */
public record Verdict(boolean accepted, String reason) {
  static Verdict accept(String reason) {
    return new Verdict(true, reason);
  }

  static Verdict drop(String reason) {
    return new Verdict(false, reason);
  }
}
