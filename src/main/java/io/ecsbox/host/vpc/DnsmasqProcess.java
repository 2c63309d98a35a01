package io.ecsbox.host.vpc;

import io.ecsbox.common.ServiceException;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * One vSwitch's dnsmasq, found through its pid file and recognised as ours only when the
 * process's command line names our config file (a recycled pid is never signalled).
 * dnsmasq daemonizes itself; we start it with {@code ip netns exec} and signal it with kill.
 */
final class DnsmasqProcess {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long STOP_WAIT_MS = 5_000;
  private final CommandRunner runner;
  private final Path dir;

  DnsmasqProcess(CommandRunner runner, Path dir) {
    this.runner = runner;
    this.dir = dir;
  }

  Path conf() {
    return dir.resolve(DnsmasqConfig.CONF);
  }

  /** The pid of our running dnsmasq for this directory, if any. */
  OptionalInt pid() {
    try {
      String text = Files.readString(dir.resolve(DnsmasqConfig.PID)).strip();
      if (!text.matches("[0-9]{1,9}")) {
        return OptionalInt.empty();
      }
      int pid = Integer.parseInt(text);
      return isOurs(pid) ? OptionalInt.of(pid) : OptionalInt.empty();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  /** True when the running dnsmasq lives in the network namespace mounted at /run/netns/NETNS. */
  boolean runsIn(int pid, String netns) {
    try {
      String link = Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "ns", "net")).toString();
      Object ino = Files.getAttribute(Path.of("/run/netns", netns), "unix:ino");
      return link.equals("net:[" + ino + "]");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  void start(String netns) {
    runner.run(List.of("ip", "netns", "exec", netns, "dnsmasq", "--conf-file=" + conf()), TIMEOUT);
    if (pid().isEmpty()) {
      throw ServiceException.internal("dnsmasq for " + dir + " did not stay up (see the host log)", null);
    }
  }

  /** Makes dnsmasq re-read its hosts file. */
  void reload(int pid) {
    runner.run(List.of("kill", "-s", "HUP", Integer.toString(pid)), TIMEOUT);
  }

  /**
   * Stops every dnsmasq that reads our config: the one of the pid file and any other (a pid
   * file lost or overwritten); waits for each to go (SIGKILL after 5 s).
   */
  void stop() {
    java.util.Set<Integer> pids = new java.util.TreeSet<>(running(dir.getParent()).getOrDefault(dir, List.of()));
    pid().ifPresent(pids::add);
    for (int p : pids) {
      stop(runner, p, () -> isOurs(p));
    }
  }

  /**
   * The dnsmasq processes whose config file is in a directory under {@code root}, by that
   * directory: found from /proc, so also the ones whose netns was deleted under them.
   */
  static java.util.Map<Path, List<Integer>> running(Path root) {
    java.util.Map<Path, List<Integer>> out = new java.util.TreeMap<>();
    String prefix = "--conf-file=" + root + "/";
    try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
        String cmdline = cmdlineOfLive(proc);
        if (cmdline == null || !cmdline.startsWith("dnsmasq\0")) {
          continue;
        }
        for (String arg : cmdline.split("\0")) {
          if (arg.startsWith(prefix)) {
            Path dir = Path.of(arg.substring("--conf-file=".length())).getParent();
            out.computeIfAbsent(dir, d -> new java.util.ArrayList<>()).add(Integer.parseInt(
                proc.getFileName().toString()));
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list /proc", e);
    }
    return out;
  }

  /**
   * TERM, then KILL after 5 s, while {@code alive} says the pid is still the process meant
   * (a pid that ended meanwhile may be another process's by now: it is never signalled).
   */
  static void stop(CommandRunner runner, int p, java.util.function.BooleanSupplier alive) {
    if (!alive.getAsBoolean()) {
      return;
    }
    runner.runAllowingFailure(List.of("kill", "-s", "TERM", Integer.toString(p)), TIMEOUT);
    long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
    while (alive.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        runner.runAllowingFailure(List.of("kill", "-s", "KILL", Integer.toString(p)), TIMEOUT);
        break;
      }
      pause();
    }
  }

  private boolean isOurs(int pid) {
    String cmdline = cmdlineOfLive(Path.of("/proc", Integer.toString(pid)));
    return cmdline != null && cmdline.startsWith("dnsmasq\0") && cmdline.contains("--conf-file=" + conf() + "\0");
  }

  /** The NUL-separated command line of a process that is not a zombie; null if gone or a zombie. */
  static String cmdlineOfLive(Path proc) {
    try {
      String stat = Files.readAllLines(proc.resolve("stat")).get(0);
      if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
        return null; // a zombie nobody reaped: already gone for our purposes
      }
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServiceException.internal("interrupted while stopping dnsmasq", e);
    }
  }
}
