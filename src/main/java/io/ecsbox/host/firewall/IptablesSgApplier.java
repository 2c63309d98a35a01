package io.ecsbox.host.firewall;

import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the host's filter table and ipsets match an {@link SgProgram}, touching only chains and
 * sets our {@link SgNames} own plus the one FORWARD jump. Order: sets first (created, or
 * refilled by swap), then one {@code iptables-restore --noflush} for every changed chain and
 * every stale one, then stale sets are destroyed. The first apply (or {@link #reconcile})
 * reads the host and rewrites everything; later ones rewrite only what differs from the last
 * program applied. A failure forgets that memory, so the next apply is a full reconcile.
 */
public final class IptablesSgApplier {
  private static final Logger log = LoggerFactory.getLogger(IptablesSgApplier.class);
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String BRIDGE_NF = "/proc/sys/net/bridge/bridge-nf-call-iptables";
  private final CommandRunner run;
  private final SgNames names;
  private SgProgram last;

  /** What an apply did. */
  public record Report(int chainsWritten, int chainsRemoved, int setsWritten, int setsRemoved, boolean jumpAdded,
      long millis) {}

  public IptablesSgApplier(CommandRunner run, SgNames names) {
    this.run = run;
    this.names = names;
  }

  /**
   * Checks that bridged traffic passes iptables: loads br_netfilter and sets
   * net.bridge.bridge-nf-call-iptables=1 when needed (logged). Throws when it cannot.
   */
  public void ensureBridgeNetfilter() {
    if (!Files.exists(Path.of(BRIDGE_NF))) {
      log.warn("br_netfilter not loaded, loading it (security groups filter bridged traffic through iptables)");
      run.run("modprobe", "br_netfilter");
    }
    if (!read(Path.of(BRIDGE_NF)).strip().equals("1")) {
      log.warn("setting net.bridge.bridge-nf-call-iptables=1 (was off: bridged traffic bypassed iptables)");
      run.run("sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1");
    }
  }

  /** Reads the host and rewrites every chain and set of ours to match {@code desired}. */
  public synchronized Report reconcile(SgProgram desired) {
    last = null;
    return apply(desired);
  }

  public synchronized Report apply(SgProgram desired) {
    long start = System.nanoTime();
    HostState host = last == null ? readHost() : null;
    Set<String> writeSets = new LinkedHashSet<>();
    desired.sets().forEach((s, ips) -> {
      if (last == null || !ips.equals(last.sets().get(s))) {
        writeSets.add(s);
      }
    });
    Set<String> writeChains = new LinkedHashSet<>();
    desired.chains().forEach((c, rules) -> {
      if (last == null || !rules.equals(last.chains().get(c))) {
        writeChains.add(c);
      }
    });
    Set<String> staleChains = new LinkedHashSet<>(host != null ? host.chains : last.chains().keySet());
    staleChains.removeAll(desired.chains().keySet());
    Set<String> staleSets = new LinkedHashSet<>(host != null ? host.sets : last.sets().keySet());
    staleSets.removeAll(desired.sets().keySet());
    boolean addJump = host != null && !host.jump;
    try {
      if (!writeSets.isEmpty()) {
        restore(List.of("ipset", "-exist", "restore"), desired.renderIpset(writeSets));
      }
      if (!writeChains.isEmpty() || !staleChains.isEmpty() || addJump) {
        restore(List.of("iptables-restore", "--noflush"), desired.renderIptables(writeChains, staleChains, addJump));
      }
      if (!staleSets.isEmpty()) {
        restore(List.of("ipset", "-exist", "restore"), SgProgram.renderIpsetDestroy(staleSets));
      }
    } catch (RuntimeException e) {
      last = null;
      throw e;
    }
    last = desired;
    long ms = (System.nanoTime() - start) / 1_000_000;
    Report r = new Report(writeChains.size(), staleChains.size(), writeSets.size(), staleSets.size(), addJump, ms);
    log.info("security groups applied: {}", r);
    return r;
  }

  /**
   * Rewrites everything of ours to the last program applied when the host's chains, sets or
   * FORWARD jump of ours are not that program's (deleted, flushed or added behind our back);
   * false when they are, or when nothing was applied yet.
   */
  public synchronized boolean repairDrift() {
    if (last == null) {
      return false;
    }
    HostState host = readHost();
    if (host.jump && new java.util.HashSet<>(host.chains).equals(last.chains().keySet())
        && new java.util.HashSet<>(host.sets).equals(last.sets().keySet())) {
      return false;
    }
    log.warn("security groups: the host's chains or sets of ours changed behind ecsbox's back; rewriting them");
    reconcile(last);
    return true;
  }

  /** Removes everything of ours: the FORWARD jump, our chains, our sets. */
  public synchronized void removeAll() {
    last = null;
    HostState host = readHost();
    StringBuilder sb = new StringBuilder("*filter\n");
    if (host.jump) {
      sb.append("-D FORWARD -j ").append(names.forward()).append('\n');
    }
    host.chains.forEach(c -> sb.append(':').append(c).append(" - [0:0]\n"));
    host.chains.forEach(c -> sb.append("-X ").append(c).append('\n'));
    if (host.jump || !host.chains.isEmpty()) {
      restore(List.of("iptables-restore", "--noflush"), sb.append("COMMIT\n").toString());
    }
    if (!host.sets.isEmpty()) {
      restore(List.of("ipset", "-exist", "restore"), SgProgram.renderIpsetDestroy(host.sets));
    }
  }

  private record HostState(List<String> chains, List<String> sets, boolean jump) {}

  private HostState readHost() {
    String save = run.run(List.of("iptables-save", "-t", "filter"), TIMEOUT).stdout();
    List<String> chains = new ArrayList<>();
    boolean jump = false;
    String jumpLine = "-A FORWARD -j " + names.forward();
    for (String line : save.split("\n")) {
      if (line.startsWith(":")) {
        String name = line.substring(1, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
        if (names.ownsChain(name)) {
          chains.add(name);
        }
      } else if (line.strip().equals(jumpLine)) {
        jump = true;
      }
    }
    List<String> sets = new ArrayList<>();
    for (String s : run.run(List.of("ipset", "list", "-n"), TIMEOUT).stdout().split("\n")) {
      if (names.ownsSet(s.strip())) {
        sets.add(s.strip());
      }
    }
    return new HostState(chains, sets, jump);
  }

  /** Feeds {@code text} to a restore command through a private temp file (the runner has no stdin). */
  private void restore(List<String> argv, String text) {
    Path f = null;
    try {
      f = Files.createTempFile("ecsbox-sg-", ".restore");
      Files.writeString(f, text);
      List<String> cmd = new ArrayList<>(argv);
      if (argv.get(0).equals("ipset")) {
        cmd.add(1, "-file");
        cmd.add(2, f.toString());
      } else {
        cmd.add(f.toString());
      }
      run.run(cmd, TIMEOUT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (f != null) {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          log.debug("cannot delete {}", f, e);
        }
      }
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The program last applied, or null after a failure or before the first apply. */
  public synchronized SgProgram lastApplied() {
    return last;
  }
}
