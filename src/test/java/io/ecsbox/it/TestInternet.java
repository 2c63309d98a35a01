package io.ecsbox.it;

import io.ecsbox.host.exec.CommandRunner;
import java.time.Duration;
import java.util.List;

/**
 * A test's own "internet": a bridge without any physical port (the daemon's EIP uplink,
 * {@code ECSBOX_EIP_UPLINK}) and a network namespace on it holding one address, from which a
 * test reaches guests' public IPs. Names: bridge PREFIX+u+TAG, namespace ecsboxit-TAG-inet.
 */
final class TestInternet implements AutoCloseable {
  private static final CommandRunner RUN = new CommandRunner();
  private static final Duration T = Duration.ofSeconds(30);
  private final String prefix;
  private final String tag;

  TestInternet(String prefix, String tag) {
    this.prefix = prefix;
    this.tag = tag;
  }

  String bridge() {
    return prefix + "u" + tag;
  }

  String namespace() {
    return "ecsboxit-" + tag + "-inet";
  }

  /** Makes the bridge and the namespace, whose eth0 gets {@code address} (CIDR form). */
  TestInternet create(String address) {
    String inside = prefix + "i" + tag;
    String port = prefix + "p" + tag;
    RUN.run("ip", "link", "add", bridge(), "type", "bridge");
    RUN.run("ip", "link", "set", bridge(), "up");
    RUN.run("ip", "netns", "add", namespace());
    RUN.run("ip", "link", "add", inside, "type", "veth", "peer", "name", port);
    RUN.run("ip", "link", "set", port, "master", bridge(), "up");
    RUN.run("ip", "link", "set", inside, "netns", namespace());
    RUN.run("ip", "-n", namespace(), "link", "set", "lo", "up");
    RUN.run("ip", "-n", namespace(), "link", "set", inside, "name", "eth0", "up");
    RUN.run("ip", "-n", namespace(), "addr", "add", address, "dev", "eth0");
    return this;
  }

  /** Removes what {@link #create} made, whatever of it exists; after the daemon is gone. */
  @Override
  public void close() {
    RUN.runAllowingFailure(List.of("ip", "netns", "del", namespace()), T);
    RUN.runAllowingFailure(List.of("ip", "link", "del", prefix + "p" + tag), T);
    // the vRouters' uplink ports were in the bridge; they went with their namespaces
    RUN.runAllowingFailure(List.of("ip", "link", "del", bridge()), T);
  }
}
