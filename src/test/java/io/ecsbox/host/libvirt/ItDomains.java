package io.ecsbox.host.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Test-side view of libvirt that bypasses the adapter: names test domains with this run's
 * tag and removes them, whatever state the test left them in.
 */
final class ItDomains implements AutoCloseable {
  /** Prefix of every domain an ecsbox test creates: a valid instance id shape. */
  static final String PREFIX = "i-ecsboxit";

  final Connect raw;
  private final String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  private final List<String> names = new ArrayList<>();

  ItDomains(String uri) throws LibvirtException {
    raw = new Connect(uri);
  }

  /** A fresh domain name for this run, remembered for cleanup. */
  synchronized String name(String what) {
    String n = PREFIX + tag + what;
    names.add(n);
    return n;
  }

  boolean exists(String name) throws LibvirtException {
    try {
      raw.domainLookupByName(name).free();
      return true;
    } catch (LibvirtException e) {
      if (LibvirtErrors.isNoDomain(e)) {
        return false;
      }
      throw e;
    }
  }

  boolean active(String name) throws LibvirtException {
    Domain d = raw.domainLookupByName(name);
    try {
      return d.isActive() == 1;
    } finally {
      d.free();
    }
  }

  /** Destroys and undefines every domain this run named; never throws. */
  @Override
  public synchronized void close() {
    for (String n : names) {
      try {
        Domain d = raw.domainLookupByName(n);
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
        if (!LibvirtErrors.isNoDomain(e)) {
          System.err.println("cleanup of " + n + " failed: " + LibvirtErrors.message(e));
        }
      }
    }
    try {
      raw.close();
    } catch (LibvirtException e) {
      System.err.println("closing cleanup connection failed: " + LibvirtErrors.message(e));
    }
  }
}
