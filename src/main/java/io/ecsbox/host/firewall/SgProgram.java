package io.ecsbox.host.firewall;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The compiled host state: our chains (name to rule specs, each spec the text after
 * {@code -A <chain> }) and our sets (name to member IPs), both in a stable order. Renders the
 * {@code ipset restore} and {@code iptables-restore --noflush} payloads for any subset, so an
 * applier can rewrite only what changed. All tokens come from ids and validated addresses: no
 * spaces or quotes inside a token.
 */
public record SgProgram(SgNames names, Map<String, List<String>> chains, Map<String, List<String>> sets) {

  public SgProgram {
    chains = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(chains));
    sets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sets));
  }

  /** The jump from FORWARD into our chains; inserted first when missing, nothing else in FORWARD is touched. */
  public String forwardJump() {
    return "-j " + names.forward();
  }

  /**
   * ipset restore text that makes each named set hold exactly its members, atomically per set:
   * fill a scratch set, swap it in, destroy the scratch. Meant for {@code ipset -exist restore}.
   */
  public String renderIpset(Collection<String> setNames) {
    StringBuilder sb = new StringBuilder();
    for (String s : setNames) {
      String tmp = names.scratchSet(s);
      sb.append("create ").append(s).append(" hash:ip family inet\n");
      sb.append("create ").append(tmp).append(" hash:ip family inet\n");
      sb.append("flush ").append(tmp).append('\n');
      for (String ip : sets.get(s)) {
        sb.append("add ").append(tmp).append(' ').append(ip).append('\n');
      }
      sb.append("swap ").append(tmp).append(' ').append(s).append('\n');
      sb.append("destroy ").append(tmp).append('\n');
    }
    return sb.toString();
  }

  /** ipset restore text that destroys sets (after no rule references them any more). */
  public static String renderIpsetDestroy(Collection<String> setNames) {
    StringBuilder sb = new StringBuilder();
    setNames.forEach(s -> sb.append("destroy ").append(s).append('\n'));
    return sb.toString();
  }

  /**
   * iptables-restore --noflush text for the filter table: declares (and so flushes) the chains
   * to write and the stale ones, fills the former, deletes the latter, and inserts the FORWARD
   * jump when {@code addJump}. One COMMIT: the kernel sees all of it or none.
   */
  public String renderIptables(Collection<String> write, Collection<String> stale, boolean addJump) {
    StringBuilder sb = new StringBuilder("*filter\n");
    write.forEach(c -> sb.append(':').append(c).append(" - [0:0]\n"));
    stale.forEach(c -> sb.append(':').append(c).append(" - [0:0]\n"));
    for (String c : write) {
      for (String spec : chains.get(c)) {
        sb.append("-A ").append(c).append(' ').append(spec).append('\n');
      }
    }
    if (addJump) {
      sb.append("-I FORWARD 1 ").append(forwardJump()).append('\n');
    }
    stale.forEach(c -> sb.append("-X ").append(c).append('\n'));
    return sb.append("COMMIT\n").toString();
  }

  /** The whole program as iptables-restore text (every chain, no stale ones, with the jump). */
  public String renderIptablesAll() {
    return renderIptables(chains.keySet(), List.of(), true);
  }

  public String renderIpsetAll() {
    return renderIpset(sets.keySet());
  }

  public int ruleCount() {
    return chains.values().stream().mapToInt(List::size).sum();
  }
}
