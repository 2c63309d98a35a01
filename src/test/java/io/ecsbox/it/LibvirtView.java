package io.ecsbox.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

/**
 * The tests' own view of libvirt, bypassing ecsbox: domain state, XML, define and removal.
 * In-process (libvirt-java) rather than {@code virsh}, because with the embedded driver
 * (see {@link EcsboxHarness#LIBVIRT_URI}) no other process can open the same root.
 */
public final class LibvirtView implements AutoCloseable {
  private final Connect conn;

  LibvirtView(String uri) throws LibvirtException {
    conn = new Connect(uri);
  }

  /** {@code virsh domstate}-like text ("running", "paused", "shut off"), empty when absent. */
  public synchronized Optional<String> state(String name) {
    try {
      Domain d = conn.domainLookupByName(name);
      try {
        if (d.isActive() != 1) {
          return Optional.of("shut off");
        }
        DomainInfo.DomainState s = d.getInfo().state;
        return Optional.of(switch (s) {
          case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> "running";
          case VIR_DOMAIN_PAUSED -> "paused";
          case VIR_DOMAIN_SHUTDOWN -> "shutting down";
          case VIR_DOMAIN_SHUTOFF -> "shut off";
          default -> s.name();
        });
      } finally {
        d.free();
      }
    } catch (LibvirtException e) {
      if (e.getError() != null && e.getError().getCode() != null
          && e.getError().getCode().name().equals("VIR_ERR_NO_DOMAIN")) {
        return Optional.empty();
      }
      throw new IllegalStateException("state of " + name + ": " + e.getMessage(), e);
    }
  }

  /** The current domain XML ({@code virsh dumpxml}). */
  public synchronized String xml(String name) throws LibvirtException {
    Domain d = conn.domainLookupByName(name);
    try {
      return d.getXMLDesc(0);
    } finally {
      d.free();
    }
  }

  /** Defines (does not start) a persistent domain. */
  public synchronized void define(String xml) throws LibvirtException {
    conn.domainDefineXML(xml).free();
  }

  /** Names of all domains on this connection, running or not. */
  public synchronized List<String> names() throws LibvirtException {
    List<String> out = new ArrayList<>(List.of(conn.listDefinedDomains()));
    for (int id : conn.listDomains()) {
      Domain d = conn.domainLookupByID(id);
      try {
        out.add(d.getName());
      } finally {
        d.free();
      }
    }
    return out;
  }

  /** Names of the domains whose XML mentions {@code path} (e.g. a data dir): ours, not others'. */
  public synchronized List<String> namesUsing(java.nio.file.Path path) throws LibvirtException {
    List<String> out = new ArrayList<>();
    for (String n : names()) {
      try {
        if (xml(n).contains(path.toString())) {
          out.add(n);
        }
      } catch (LibvirtException e) {
        // undefined meanwhile: not ours
      }
    }
    return out;
  }

  /** Destroys and undefines {@code name} if it exists; never throws (cleanup backstop). */
  public synchronized void remove(String name) {
    try {
      Domain d = conn.domainLookupByName(name);
      try {
        if (d.isActive() == 1) {
          d.destroy();
        }
        if (d.isPersistent() == 1) {
          d.undefine(Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA);
        }
      } finally {
        d.free();
      }
    } catch (LibvirtException e) {
      if (!state(name).isEmpty()) {
        System.err.println("ecsbox IT cleanup: cannot remove domain " + name + ": " + e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (LibvirtException e) {
      System.err.println("ecsbox IT: closing libvirt view: " + e.getMessage());
    }
  }
}
