package io.ecsbox.host.vpc;

import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces standing in for guests: each has an eth0 whose peer is plugged into a
 * vSwitch bridge like a tap, runs busybox udhcpc and ping. Named with the run's tag;
 * {@link #close} removes only what it made.
 */
public final class FakeGuests implements AutoCloseable {
  private static final Duration T = Duration.ofSeconds(30);
  private final CommandRunner run;
  private final String tag;
  private final Path script;
  private final List<Guest> made = new ArrayList<>();

  public record Guest(String netns, String hostVeth, String mac) {}

  public FakeGuests(CommandRunner run, String tag, Path dir) throws IOException {
    this.run = run;
    this.tag = tag;
    this.script = dir.resolve("udhcpc.script");
    // udhcpc's hook: configure eth0 like the tiny guest does and print its console line.
    Files.writeString(script, """
        #!/bin/sh
        case "$1" in
          bound|renew)
            ip addr flush dev "$interface"
            ip addr add "$ip/$mask" dev "$interface"
            [ -n "$router" ] && ip route replace default via "$router"
            echo "ECSBOX-NET $interface ip=$ip/$mask gw=$router" ;;
        esac
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  public synchronized Guest plug(String bridge, String mac) {
    int n = made.size();
    Guest g = new Guest("ecsboxit-" + tag + "-g" + n, "eg" + tag + "x" + n, mac);
    made.add(g);
    run.run(List.of("ip", "netns", "add", g.netns()), T);
    run.run(List.of("ip", "-n", g.netns(), "link", "set", "lo", "up"), T);
    run.run(List.of("ip", "link", "add", g.hostVeth(), "type", "veth", "peer", "name", "eth0", "netns", g.netns()), T);
    run.run(List.of("ip", "-n", g.netns(), "link", "set", "eth0", "address", mac, "up"), T);
    run.run(List.of("ip", "link", "set", g.hostVeth(), "master", bridge, "up"), T);
    return g;
  }

  /** Runs one DHCP exchange; returns the ECSBOX-NET line, or the failure output. */
  public String dhcp(Guest g) {
    return dhcp(g, 4);
  }

  public String dhcp(Guest g, int tries) {
    CommandRunner.Result r = run.runAllowingFailure(List.of("ip", "netns", "exec", g.netns(), "busybox", "udhcpc",
        "-i", "eth0", "-n", "-q", "-f", "-t", Integer.toString(tries), "-T", "1", "-s", script.toString()), T);
    return r.stdout().lines().filter(l -> l.startsWith("ECSBOX-NET")).findFirst()
        .orElse("no lease: " + r.stdout() + r.stderr());
  }

  /** True if one of three pings gets an answer. */
  public boolean ping(Guest from, String ip) {
    for (int i = 0; i < 3; i++) {
      if (pingOnce(from, ip)) {
        return true;
      }
    }
    return false;
  }

  public boolean pingOnce(Guest from, String ip) {
    return run.runAllowingFailure(List.of("ip", "netns", "exec", from.netns(), "busybox", "ping", "-c", "1",
        "-W", "1", ip), T).exitCode() == 0;
  }

  @Override
  public synchronized void close() {
    for (Guest g : made) {
      run.runAllowingFailure(List.of("ip", "netns", "del", g.netns()), T);
      run.runAllowingFailure(List.of("ip", "link", "del", g.hostVeth()), T);
    }
  }
}
