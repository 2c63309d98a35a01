package io.ecsbox.bench;

import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.firewall.SgNames;
import io.ecsbox.host.libvirt.LibvirtHypervisor;
import io.ecsbox.host.vpc.LinuxNames;
import io.ecsbox.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one daemon's data dir holds, as text to compare before and after a call: {@link #store}
 * is every row of every table of its SQLite store; {@link #host} is the host objects of its
 * scope: libvirt domains whose system disk is in the data dir, files under the data dir (path
 * and size; the store and logs aside), the scope's bridges and vRouter namespaces, its
 * security-group chains and ipsets, and processes whose command line names the data dir (DHCP
 * servers). Reading the store takes milliseconds; reading the host runs about six commands.
 */
public final class DaemonState implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private final Path dataDir;
  private final LinuxNames names;
  private final SgNames sgNames;
  private final CommandRunner run = new CommandRunner();
  private final Database db;
  private final LibvirtHypervisor libvirt;

  /** @param tag the daemon's network scope tag (its config's {@code network().tag()}) */
  public DaemonState(Path dataDir, String tag, String libvirtUri) {
    this.dataDir = dataDir;
    this.names = new LinuxNames(tag);
    this.sgNames = SgNames.forScope(tag);
    this.db = Database.open(dataDir.resolve("ecsbox.db")); // a second connection, reading only
    this.libvirt = new LibvirtHypervisor(libvirtUri, false);
  }

  /** Every table's rows, each row as its column values, tables and rows sorted. */
  public String store() {
    StringBuilder sb = new StringBuilder();
    List<String> tables = db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        rs -> rs.getString(1));
    for (String table : tables) {
      TreeSet<String> rows = new TreeSet<>(db.query("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"",
          DaemonState::row));
      sb.append("== ").append(table).append('\n');
      rows.forEach(r -> sb.append(r).append('\n'));
    }
    return sb.toString();
  }

  private static String row(ResultSet rs) throws java.sql.SQLException {
    ResultSetMetaData m = rs.getMetaData();
    StringBuilder sb = new StringBuilder();
    for (int c = 1; c <= m.getColumnCount(); c++) {
      sb.append(c == 1 ? "" : " | ").append(m.getColumnName(c)).append('=').append(rs.getString(c));
    }
    return sb.toString();
  }

  /** The host objects of the daemon's scope, one line each, sorted within each kind. */
  public String host() {
    return "== domains\n" + lines(libvirt.ownedDomains().stream()
            .filter(d -> libvirt.systemDisk(d).map(p -> p.startsWith(dataDir)).orElse(false)))
        + "== files\n" + lines(files())
        + "== links\n" + lines(output("ip", "-o", "link", "show").filter(l -> l.contains(names.markerPrefix()))
            .map(l -> l.split(":")[1].strip()))
        + "== netns\n" + lines(output("ip", "netns", "list").map(l -> l.split(" ")[0])
            .filter(n -> n.startsWith(names.netnsPrefix())))
        + firewall(run, sgNames)
        + "== processes\n" + lines(processes());
  }

  /**
   * The scope's security-group chains (filter table, with their rules) and ipsets with their
   * members, sorted, without packet counters or the sets' random hash seed (initval), which a
   * reconcile's atomic swap of a set renews: equal text means the same filtering.
   */
  public static String firewall(CommandRunner run, SgNames names) {
    return "== chains\n" + lines(settledOutput(run, "iptables-save", "-t", "filter").lines()
            .filter(l -> l.contains(names.chainPrefix()))
            .map(l -> l.startsWith(":") ? l.replaceAll(" \\[\\d+:\\d+\\]$", "") : l))
        + "== sets\n" + lines(run.run(List.of("ipset", "save"), COMMAND_TIMEOUT).stdout().lines()
            .filter(l -> l.contains(" " + names.setPrefix())).map(l -> l.replaceAll(" initval 0x[0-9a-f]+", "")));
  }

  private Stream<String> files() {
    try (Stream<Path> s = Files.walk(dataDir)) {
      return s.filter(Files::isRegularFile).filter(p -> !isStoreOrLog(p)).map(p -> {
        try {
          return dataDir.relativize(p) + " " + Files.size(p);
        } catch (IOException e) {
          return dataDir.relativize(p) + " (gone)"; // removed while walking
        }
      }).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean isStoreOrLog(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith("ecsbox.db") || name.endsWith(".log") || name.equals("daemon.lock");
  }

  // command lines naming the data dir (dnsmasq's files live under it); /proc, not ps, to run nothing
  private Stream<String> processes() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).map(p -> {
        try {
          return new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ').strip();
        } catch (IOException e) {
          return ""; // ended meanwhile
        }
      }).filter(c -> c.contains(dataDir.toString())).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Stream<String> output(String... argv) {
    return run.run(List.of(argv), COMMAND_TIMEOUT).stdout().lines();
  }

  // iptables-save fails now and then while another process swaps an ipset ("Set with index N in
  // kernel doesn't exist"): other daemons share the host, so read again
  private static String settledOutput(CommandRunner run, String... argv) {
    for (int attempt = 1; ; attempt++) {
      CommandRunner.Result r = run.runAllowingFailure(List.of(argv), COMMAND_TIMEOUT);
      if (r.exitCode() == 0) {
        return r.stdout();
      }
      if (attempt == 5) {
        throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exitCode() + ": " + r.stderr());
      }
      try {
        Thread.sleep(100L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted reading " + argv[0], e);
      }
    }
  }

  private static String lines(Stream<String> s) {
    return s.sorted().map(l -> l + "\n").collect(Collectors.joining());
  }

  @Override
  public void close() {
    libvirt.close();
    db.close();
  }
}
