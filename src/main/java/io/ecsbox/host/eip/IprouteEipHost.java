package io.ecsbox.host.eip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.common.ServiceException;
import io.ecsbox.host.exec.CommandException;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.agent.EipAgent;
import io.ecsbox.host.vpc.LinuxNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EipAgent} on Linux. A VPC with public addresses gets a veth pair from its vRouter
 * netns to the operator's uplink bridge ({@link EipNames}); the netns end holds the addresses
 * as /32s, a link route for the range and a default route via the gateway; 1:1 NAT lives in
 * our own chains of the netns's nat table, and a filter chain keeps the public segment to mapped
 * traffic ({@link EipRules}, one iptables-restore per change);
 * the limits are tc htb classes ({@link EipRules#renderTc}). Each change reads what the netns
 * has and converges it to the wanted mappings, so every method is idempotent. Conntrack entries
 * of a removed mapping are flushed so open flows stop with it. Nothing outside the VPC netns,
 * our eup- veth and the uplink's port list is touched. Methods are synchronized.
 */
public final class IprouteEipHost implements EipAgent {
  private static final Logger log = LoggerFactory.getLogger(IprouteEipHost.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandRunner run;
  private final EipNames names;
  private final PublicUplink config;

  public IprouteEipHost(CommandRunner run, LinuxNames names, PublicUplink config) {
    this.run = run;
    this.names = new EipNames(names);
    this.config = config;
  }

  @Override
  public synchronized void associate(String vpcId, String publicIp, String privateIp, int bandwidthMbps) {
    EipRules.minor(config.range(), publicIp); // in the range, or nothing happens
    Map<String, Mapping> now = current(vpcId);
    now.put(publicIp, new Mapping(publicIp, privateIp, bandwidthMbps));
    converge(vpcId, now.values());
  }

  @Override
  public synchronized void disassociate(String vpcId, String publicIp, String privateIp) {
    Map<String, Mapping> now = current(vpcId);
    now.remove(publicIp);
    converge(vpcId, now.values());
  }

  @Override
  public synchronized void setBandwidth(String vpcId, String publicIp, int bandwidthMbps) {
    Map<String, Mapping> now = current(vpcId);
    Mapping m = now.get(publicIp);
    if (m == null) {
      throw ServiceException.internal("no mapping of " + publicIp + " in " + vpcId + " to change", null);
    }
    now.put(publicIp, new Mapping(publicIp, m.privateIp(), bandwidthMbps));
    converge(vpcId, now.values());
  }

  @Override
  public synchronized void reconcile(Map<String, List<Mapping>> byVpc) {
    Set<String> ours = new TreeSet<>();
    for (String ns : netnsNames()) {
      names.linuxNames().vpcOfNetns(ns).ifPresent(ours::add);
    }
    ours.addAll(markedVpcs());
    RuntimeException first = null;
    for (String vpc : ours) {
      if (!byVpc.containsKey(vpc)) {
        first = tryEach(first, vpc, () -> removeVpc(vpc));
      }
    }
    for (Map.Entry<String, List<Mapping>> e : byVpc.entrySet()) { // one broken VPC does not stop the others
      first = tryEach(first, e.getKey(), () -> converge(e.getKey(), e.getValue()));
    }
    if (first != null) {
      throw first;
    }
  }

  private static RuntimeException tryEach(RuntimeException first, String vpcId, Runnable step) {
    try {
      step.run();
      return first;
    } catch (RuntimeException e) {
      log.error("EIPs of {}: {}", vpcId, e.getMessage());
      return first != null ? first : e;
    }
  }

  @Override
  public synchronized void removeVpc(String vpcId) {
    String ns = names.netns(vpcId);
    if (netnsNames().contains(ns)) {
      EipRules.NatState nat = EipRules.parseNat(execIn(ns, "iptables-save"));
      String payload = EipRules.renderNatRemoval(nat);
      if (payload != null) {
        restore(ns, payload);
      }
      nat.mappings().keySet().forEach(ip -> flushConntrack(ns, ip));
      for (String dev : List.of(names.ifb(vpcId), names.routerSide(vpcId))) {
        if (linkAlias(ns, dev) != null) {
          run.run(List.of("ip", "-n", ns, "link", "del", "dev", dev), TIMEOUT);
        }
      }
    }
    String eup = names.uplinkSide(vpcId);
    String alias = linkAlias(null, eup);
    if (alias != null && names.vpcOfMarker(alias).map(vpcId::equals).orElse(false)) {
      run.run(List.of("ip", "link", "del", "dev", eup), TIMEOUT);
    }
  }

  /** The VPC's mappings as its NAT chain holds them; empty without a netns. */
  private Map<String, Mapping> current(String vpcId) {
    String ns = names.netns(vpcId);
    if (!netnsNames().contains(ns)) {
      return new LinkedHashMap<>();
    }
    return new LinkedHashMap<>(EipRules.parseNat(execIn(ns, "iptables-save")).mappings());
  }

  private void converge(String vpcId, Collection<Mapping> wanted) {
    if (wanted.isEmpty()) {
      removeVpc(vpcId);
      return;
    }
    String ns = names.netns(vpcId);
    if (!netnsNames().contains(ns)) {
      throw ServiceException.internal("the vRouter of " + vpcId + " (netns " + ns + ") does not exist", null);
    }
    checkUplink();
    String eun = names.routerSide(vpcId);
    String eib = names.ifb(vpcId);
    ensureLinks(vpcId, ns, eun, eib);
    Set<String> want = new HashSet<>();
    wanted.forEach(m -> want.add(m.publicIp()));
    Set<String> addrs = addresses(ns, eun);
    for (String a : addrs) {
      if (!want.contains(a)) { // stop answering for it first
        run.run(List.of("ip", "-n", ns, "addr", "del", a + "/32", "dev", eun), TIMEOUT);
      }
    }
    EipRules.NatState nat = EipRules.parseNat(execIn(ns, "iptables-save"));
    restore(ns, EipRules.renderNat(nat, eun, wanted));
    Map<String, Mapping> byIp = new LinkedHashMap<>();
    wanted.forEach(m -> byIp.put(m.publicIp(), m));
    nat.mappings().forEach((ip, old) -> {
      Mapping w = byIp.get(ip);
      if (w == null || !w.privateIp().equals(old.privateIp())) {
        flushConntrack(ns, ip);
      }
    });
    EipRules.TcState tc = tcState(ns, eun, eib);
    for (String del : EipRules.staleFilters(eun, eib, tc, config.range(), wanted)) {
      List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "tc"));
      argv.addAll(List.of(del.split(" ")));
      run.runAllowingFailure(argv, TIMEOUT); // a filter may be missing after a crash
    }
    tcBatch(ns, EipRules.renderTc(eun, eib, tc, config.range(), wanted));
    for (String a : want) {
      if (!addrs.contains(a)) {
        run.run(List.of("ip", "-n", ns, "addr", "replace", a + "/32", "dev", eun), TIMEOUT);
      }
    }
    run.run(List.of("ip", "-n", ns, "route", "replace", config.range().toString(), "dev", eun), TIMEOUT);
    run.run(List.of("ip", "-n", ns, "route", "replace", "default", "via", config.gatewayAddress(), "dev", eun,
        "onlink"), TIMEOUT);
  }

  private void ensureLinks(String vpcId, String ns, String eun, String eib) {
    String eup = names.uplinkSide(vpcId);
    String marker = names.marker(vpcId);
    String alias = linkAlias(null, eup);
    if (alias != null && !alias.equals(marker)) {
      throw ServiceException.internal("host interface " + eup + " is in the way: its alias is '" + alias
          + "', expected '" + marker + "'; it is not ecsbox's and is left alone", null);
    }
    if (alias != null && linkAlias(ns, eun) == null) {
      run.run(List.of("ip", "link", "del", "dev", eup), TIMEOUT); // its peer is not in the vRouter
      alias = null;
    }
    if (alias == null) {
      run.run(List.of("ip", "link", "add", "name", eup, "type", "veth", "peer", "name", eun, "netns", ns), TIMEOUT);
    }
    run.run(List.of("ip", "link", "set", "dev", eup, "addrgenmode", "none", "alias", marker), TIMEOUT);
    run.run(List.of("ip", "link", "set", "dev", eup, "master", config.uplink(), "up"), TIMEOUT);
    // no IPv6 link-local chatter onto the public segment
    run.run(List.of("ip", "-n", ns, "link", "set", "dev", eun, "addrgenmode", "none", "up"), TIMEOUT);
    if (linkAlias(ns, eib) == null) {
      run.run(List.of("ip", "-n", ns, "link", "add", "name", eib, "type", "ifb"), TIMEOUT);
    }
    run.run(List.of("ip", "-n", ns, "link", "set", "dev", eib, "addrgenmode", "none", "up"), TIMEOUT);
  }

  private void checkUplink() {
    CommandRunner.Result r = run.runAllowingFailure(List.of("ip", "-j", "-d", "link", "show", "dev",
        config.uplink()), TIMEOUT);
    JsonNode links = r.exitCode() == 0 ? json(r.stdout()) : JSON.createArrayNode();
    String kind = links.size() == 0 ? "" : links.get(0).path("linkinfo").path("info_kind").asText("");
    if (!kind.equals("bridge")) {
      throw ServiceException.internal("ECSBOX_EIP_UPLINK=" + config.uplink() + " is not a bridge on this host"
          + (links.size() == 0 ? " (no such interface)" : " (it is a '" + kind + "')") + "; create it and attach"
          + " the public network to it", null);
    }
  }

  /** The IPv4 /32 addresses on the netns end of the uplink. */
  private Set<String> addresses(String ns, String dev) {
    Set<String> out = new TreeSet<>();
    for (JsonNode link : json(run.run(List.of("ip", "-n", ns, "-j", "addr", "show", "dev", dev), TIMEOUT).stdout())) {
      for (JsonNode a : link.path("addr_info")) {
        if (a.path("family").asText().equals("inet") && a.path("prefixlen").asInt() == 32) {
          out.add(a.path("local").asText());
        }
      }
    }
    return out;
  }

  private EipRules.TcState tcState(String ns, String eun, String eib) {
    boolean root = false;
    boolean ingress = false;
    for (JsonNode q : json(execIn(ns, "tc", "-j", "qdisc", "show", "dev", eun))) {
      root |= q.path("kind").asText().equals("htb") && q.path("handle").asText().equals("1:");
      ingress |= q.path("kind").asText().equals("ingress");
    }
    boolean ifbRoot = false;
    for (JsonNode q : json(execIn(ns, "tc", "-j", "qdisc", "show", "dev", eib))) {
      ifbRoot |= q.path("kind").asText().equals("htb") && q.path("handle").asText().equals("1:");
    }
    return new EipRules.TcState(root, ingress, ifbRoot, classes(ns, eun), classes(ns, eib));
  }

  /** htb class minors of a device; tc prints classes as text even with -j ("class htb 1:5 root ..."). */
  private Set<Integer> classes(String ns, String dev) {
    Set<Integer> out = new TreeSet<>();
    for (String line : execIn(ns, "tc", "class", "show", "dev", dev).lines().toList()) {
      String[] f = line.strip().split("\\s+");
      int m = f.length > 2 && f[0].equals("class") ? EipRules.classMinor(f[2]) : -1;
      if (m > 0) {
        out.add(m);
      }
    }
    return out;
  }

  private void flushConntrack(String ns, String publicIp) {
    for (String dir : List.of("--orig-dst", "--reply-dst")) {
      try {
        CommandRunner.Result r = run.runAllowingFailure(List.of("ip", "netns", "exec", ns, "conntrack", "-D", dir,
            publicIp), TIMEOUT);
        if (r.exitCode() > 1) { // 1: no entry matched
          log.warn("cannot flush conntrack entries of {}: {}", publicIp, r.stderr().strip());
        }
      } catch (CommandException e) {
        log.warn("cannot flush conntrack entries of {} (is conntrack installed?): {}", publicIp, e.getMessage());
        return;
      }
    }
  }

  private Set<String> markedVpcs() {
    Set<String> out = new TreeSet<>();
    for (JsonNode n : json(run.run(List.of("ip", "-j", "link", "show", "type", "veth"), TIMEOUT).stdout())) {
      names.vpcOfMarker(n.path("ifalias").asText("")).ifPresent(out::add);
    }
    return out;
  }

  private List<String> netnsNames() {
    List<String> out = new ArrayList<>();
    for (JsonNode n : json(run.run(List.of("ip", "-j", "netns", "list"), TIMEOUT).stdout())) {
      out.add(n.path("name").asText());
    }
    return out;
  }

  /** The ifalias of a link ("" if none), or null when it does not exist. */
  private String linkAlias(String ns, String dev) {
    List<String> argv = new ArrayList<>(List.of("ip"));
    if (ns != null) {
      argv.addAll(List.of("-n", ns));
    }
    argv.addAll(List.of("-j", "link", "show", "dev", dev));
    CommandRunner.Result r = run.runAllowingFailure(argv, TIMEOUT);
    if (r.exitCode() != 0) {
      if (r.stderr().contains("does not exist") || r.stderr().contains("Cannot find device")) {
        return null;
      }
      throw new CommandException(argv, r.exitCode(), r.stderr());
    }
    JsonNode arr = json(r.stdout());
    return arr.size() == 0 ? null : arr.get(0).path("ifalias").asText("");
  }

  private String execIn(String ns, String... cmd) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(cmd));
    return run.run(argv, TIMEOUT).stdout();
  }

  private void restore(String ns, String payload) {
    withFile("ecsbox-eip-", payload, f -> execIn(ns, "iptables-restore", "-w", "5", "-n", f.toString()));
  }

  private void tcBatch(String ns, String batch) {
    withFile("ecsbox-eip-tc-", batch, f -> execIn(ns, "tc", "-batch", f.toString()));
  }

  /** Feeds text through a private temp file (the runner has no stdin). */
  private static void withFile(String prefix, String text, java.util.function.Consumer<Path> use) {
    Path f = null;
    try {
      f = Files.createTempFile(prefix, ".txt");
      Files.writeString(f, text);
      use.accept(f);
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

  private static JsonNode json(String text) {
    if (text.isBlank()) {
      return JSON.createArrayNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw ServiceException.internal("cannot parse JSON output: " + text, e);
    }
  }
}
