package io.ecsbox.host.metadata;

import io.ecsbox.agent.MetadataDirectory;
import io.ecsbox.common.ServiceException;
import io.ecsbox.host.exec.CommandRunner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance metadata service at http://100.100.100.200:80 of every VPC. For each VPC it
 * puts 100.100.100.200/32 on the lo of the VPC's vRouter netns and binds a listener there
 * (the socket is made inside the netns by {@link Netns}; the daemon stays in its own). A
 * caller is the instance the {@link MetadataDirectory} names for (listener's VPC, source
 * address). Side effects: that address on lo (left in place on removal; it goes with the
 * netns) and one accept thread per VPC plus up to {@link MetadataListener#THREADS} workers.
 * Methods are synchronized; a listener whose netns was deleted and made again is rebound.
 */
public final class MetadataService implements AutoCloseable {
  public static final String ADDRESS = "100.100.100.200";
  public static final int PORT = 80;
  private static final Logger log = LoggerFactory.getLogger(MetadataService.class);
  private static final Duration IP_TIMEOUT = Duration.ofSeconds(30);
  private final CommandRunner run;
  private final Function<String, String> netnsOfVpc;
  private final MetadataHandler handler;
  private final Map<String, MetadataListener> listeners = new HashMap<>();
  private boolean closed;

  /** {@code netnsOfVpc} names a VPC's vRouter netns (e.g. {@code LinuxNames::netns}). */
  public MetadataService(MetadataDirectory dir, CommandRunner run, Function<String, String> netnsOfVpc) {
    this(dir, run, netnsOfVpc, Clock.systemUTC());
  }

  MetadataService(MetadataDirectory dir, CommandRunner run, Function<String, String> netnsOfVpc, Clock clock) {
    this.run = run;
    this.netnsOfVpc = netnsOfVpc;
    this.handler = new MetadataHandler(dir, new MetadataTokens(clock));
  }

  /**
   * Makes the VPC's metadata endpoint exist (idempotent): the address on the netns's lo and a
   * live listener bound in the current incarnation of the netns.
   *
   * @throws io.ecsbox.host.exec.CommandException if the netns is missing or ip refuses
   * @throws ServiceException (InternalError) if the socket cannot be made in the netns
   */
  public synchronized void ensure(String vpcId) {
    if (closed) {
      throw new IllegalStateException("metadata service is closed");
    }
    String ns = netnsOfVpc.apply(vpcId);
    MetadataListener l = listeners.get(vpcId);
    if (l != null && l.alive() && Netns.path(ns).toFile().exists() && l.netnsInode() == Netns.inode(ns)) {
      return;
    }
    if (l != null) {
      listeners.remove(vpcId).close(); // dead, or bound in a netns that was since remade
    }
    run.run(List.of("ip", "-n", ns, "link", "set", "dev", "lo", "up"), IP_TIMEOUT);
    run.run(List.of("ip", "-n", ns, "addr", "replace", ADDRESS + "/32", "dev", "lo"), IP_TIMEOUT);
    long inode = Netns.inode(ns);
    ServerSocket socket;
    try {
      socket = Netns.call(ns, () -> {
        ServerSocket s = new ServerSocket();
        try {
          s.setReuseAddress(true);
          s.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), PORT), 64);
          return s;
        } catch (Exception e) {
          s.close();
          throw e;
        }
      });
    } catch (Exception e) {
      throw ServiceException.internal("cannot listen on " + ADDRESS + ":" + PORT + " in netns " + ns + " (VPC " + vpcId
          + "): " + e.getMessage(), e);
    }
    MetadataListener fresh = new MetadataListener(vpcId, socket, inode, handler);
    fresh.start();
    listeners.put(vpcId, fresh);
    log.info("metadata: serving http://{}:{} in VPC {} (netns {})", ADDRESS, PORT, vpcId, ns);
  }

  /** Closes the VPC's listener if any; the netns and its address are left alone. */
  public synchronized void remove(String vpcId) {
    MetadataListener l = listeners.remove(vpcId);
    if (l != null) {
      l.close();
      log.info("metadata: stopped serving VPC {}", vpcId);
    }
  }

  /**
   * Listeners for exactly {@code vpcIds}: the others are closed, missing ones made. Tries
   * every VPC; throws afterwards (InternalError) naming those that failed.
   */
  public synchronized void reconcile(Set<String> vpcIds) {
    for (String vpc : new ArrayList<>(listeners.keySet())) {
      if (!vpcIds.contains(vpc)) {
        remove(vpc);
      }
    }
    Map<String, RuntimeException> failed = new HashMap<>();
    for (String vpc : new TreeSet<>(vpcIds)) {
      try {
        ensure(vpc);
      } catch (RuntimeException e) {
        log.error("metadata: cannot serve VPC {}: {}", vpc, e.getMessage());
        failed.put(vpc, e);
      }
    }
    if (!failed.isEmpty()) {
      RuntimeException first = failed.values().iterator().next();
      throw ServiceException.internal("metadata service failed for " + new TreeSet<>(failed.keySet()) + ": "
          + first.getMessage(), first);
    }
  }

  /** The VPCs with a listener. */
  public synchronized Set<String> serving() {
    return Set.copyOf(listeners.keySet());
  }

  @Override
  public synchronized void close() {
    closed = true;
    listeners.values().forEach(MetadataListener::close);
    listeners.clear();
  }
}
