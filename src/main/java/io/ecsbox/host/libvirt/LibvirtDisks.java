package io.ecsbox.host.libvirt;

import io.ecsbox.host.libvirt.DiskXml.AttachedDisk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk operations of {@link LibvirtHypervisor}: hot-plug, external snapshots and block
 * jobs on owned domains, each idempotent. Long waits (guest unplug, block jobs) poll with
 * separate short libvirt calls so no connection is held for the whole wait.
 */
final class LibvirtDisks {
  private static final Logger log = LoggerFactory.getLogger(LibvirtDisks.class);

  // libvirt's C values (libvirt-java spells them as computed bit flags).
  static final int AFFECT_LIVE = 1; // VIR_DOMAIN_AFFECT_LIVE
  static final int AFFECT_CONFIG = 2; // VIR_DOMAIN_AFFECT_CONFIG
  static final int XML_INACTIVE = 2; // VIR_DOMAIN_XML_INACTIVE
  static final int BLOCK_RESIZE_BYTES = 1; // VIR_DOMAIN_BLOCK_RESIZE_BYTES
  /** DISK_ONLY 16 | NO_METADATA 4 | REUSE_EXT 32 | ATOMIC 128 = 180. */
  static final int SNAPSHOT_FLAGS = 16 | 4 | 32 | 128;

  private static final Duration POLL = Duration.ofMillis(100);
  // A finished job whose chain libvirt has not updated yet is given this long.
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private final LibvirtHypervisor hv;
  private final Duration jobTimeout;

  LibvirtDisks(LibvirtHypervisor hv, Duration jobTimeout) {
    this.hv = hv;
    this.jobTimeout = jobTimeout;
  }

  void attach(String id, DiskDevice disk) {
    String fragment = DomainXml.diskXml(disk, 0);
    hv.onDomain("attaching disk " + disk.serial() + " to", id, missing("attaching a disk to", id), (d, xml) -> {
      boolean running = d.isActive() == 1;
      if (running && DiskXml.bySerial(xml, disk.serial()).isEmpty()) {
        long t0 = System.nanoTime();
        try {
          d.attachDeviceFlags(fragment, AFFECT_LIVE);
          log.debug("hot-plugged {} into {} in {} ms", disk.serial(), id, ms(t0));
        } catch (LibvirtException e) {
          if (!LibvirtErrors.isNotRunning(e)) {
            throw e;
          }
        }
      }
      String inactive = running ? d.getXMLDesc(XML_INACTIVE) : xml;
      if (DiskXml.bySerial(inactive, disk.serial()).isEmpty()) {
        d.attachDeviceFlags(fragment, AFFECT_CONFIG);
      }
      return null;
    });
  }

  void detach(String id, String serial, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long t0 = System.nanoTime();
    boolean requested = hv.onDomain("detaching disk " + serial + " from", id, () -> false, (d, xml) -> {
      Optional<AttachedDisk> live = d.isActive() == 1 ? DiskXml.bySerial(xml, serial) : Optional.empty();
      if (live.isEmpty()) {
        return false;
      }
      try {
        // libvirt waits a few seconds for the guest itself, then returns with the unplug pending.
        d.detachDeviceFlags(DiskXml.detachXml(live.get()), AFFECT_LIVE);
      } catch (LibvirtException e) {
        if (!LibvirtErrors.isNotRunning(e) && !LibvirtErrors.message(e).contains("in the process of unplug")) {
          throw e;
        }
      }
      return true;
    });
    if (requested) {
      while (liveHas(id, serial)) {
        if (System.nanoTime() - deadline > 0) {
          // The config keeps the disk: it is still in use, and a retry finishes the detach.
          throw new HypervisorException("the guest of " + id + " did not release disk " + serial + " within "
              + timeout.toMillis() + " ms; it stays attached", "VIR_ERR_OPERATION_TIMEOUT", null);
        }
        pause();
      }
      log.debug("guest of {} released {} in {} ms", id, serial, ms(t0));
    }
    hv.onDomain("detaching disk " + serial + " from", id, () -> null, (d, xml) -> {
      Optional<AttachedDisk> config = DiskXml.bySerial(d.getXMLDesc(XML_INACTIVE), serial);
      if (config.isPresent()) {
        d.detachDeviceFlags(DiskXml.detachXml(config.get()), AFFECT_CONFIG);
      }
      return null;
    });
  }

  Map<String, Path> files(String id) {
    return hv.onDomain("reading disks of", id, Map::of, (d, xml) -> {
      Map<String, Path> out = new LinkedHashMap<>();
      for (AttachedDisk disk : DiskXml.disks(xml)) {
        if ("disk".equals(disk.device()) && disk.serial() != null && disk.file() != null) {
          out.put(disk.serial(), disk.file());
        }
      }
      return java.util.Collections.unmodifiableMap(out); // in device order
    });
  }

  void snapshot(String id, String serial, Path newTop) {
    hv.onDomain("snapshot of disk " + serial + " of", id, missing("snapshot of a disk of", id), (d, xml) -> {
      AttachedDisk disk = running(d, xml, id, serial);
      if (newTop.equals(disk.file())) {
        return null; // taken already
      }
      long t0 = System.nanoTime();
      d.snapshotCreateXML(DiskXml.snapshotXml(DiskXml.disks(xml), disk.target(), newTop), SNAPSHOT_FLAGS)
          .free();
      log.debug("snapshot of {} on {}: new top {} in {} ms", serial, id, newTop, ms(t0));
      Path now = DiskXml.bySerial(d.getXMLDesc(0), serial).map(AttachedDisk::file).orElse(null);
      if (!newTop.equals(now)) {
        throw new HypervisorException("snapshot of disk " + serial + " of " + id + " left its top at " + now
            + " instead of " + newTop);
      }
      return null;
    });
  }

  void resize(String id, String serial, long bytes) {
    if (bytes <= 0 || bytes % 512 != 0) {
      throw new IllegalArgumentException("disk size must be a positive multiple of 512 bytes: " + bytes);
    }
    hv.onDomain("resizing disk " + serial + " of", id, missing("resizing a disk of", id), (d, xml) -> {
      AttachedDisk disk = running(d, xml, id, serial);
      long now = d.blockInfo(disk.target()).getCapacity();
      if (now > bytes) {
        throw new HypervisorException("disk " + serial + " of " + id + " has " + now
            + " bytes; shrinking to " + bytes + " is not supported");
      }
      if (now < bytes) {
        d.blockResize(disk.target(), bytes, BLOCK_RESIZE_BYTES);
      }
      return null;
    });
  }

  void pull(String id, String serial, Path base) {
    Job job = new Job("pull", id, serial, chain -> base == null ? chain.size() == 1
        : chain.size() > 1 && chain.get(1).equals(base));
    job.startUnlessDone((d, disk) -> {
      if (base != null && !disk.backing().contains(base)) {
        throw new HypervisorException("pull of disk " + serial + " of " + id + ": " + base
            + " is not in its backing chain " + disk.backing());
      }
      NativeLibvirt.startPull(d, disk.target(), base == null ? null : base.toString());
    });
    job.await();
  }

  void commit(String id, String serial, Path top, Path base) {
    Job job = new Job("commit", id, serial, chain -> !chain.contains(top) && chain.contains(base));
    job.startUnlessDone((d, disk) -> {
      List<Path> chain = disk.chain();
      int at = chain.indexOf(top);
      if (at <= 0 || at + 1 >= chain.size() || !chain.get(at + 1).equals(base)) {
        throw new HypervisorException("commit of disk " + serial + " of " + id + ": " + top
            + " is not an inactive layer directly above " + base + " in " + chain);
      }
      d.blockCommit(disk.target(), base.toString(), top.toString(), 0, 0);
    });
    job.await();
  }

  /** Starts a block job on one disk of a running domain and waits until its chain shows the result. */
  private final class Job {
    private final String kind;
    private final String id;
    private final String serial;
    private final java.util.function.Predicate<List<Path>> done;
    private long t0;

    Job(String kind, String id, String serial, java.util.function.Predicate<List<Path>> done) {
      this.kind = kind;
      this.id = id;
      this.serial = serial;
      this.done = done;
    }

    void startUnlessDone(Starter starter) {
      t0 = System.nanoTime();
      hv.onDomain(kind + " of disk " + serial + " of", id, missing(kind + " of a disk of", id), (d, xml) -> {
        AttachedDisk disk = running(d, xml, id, serial);
        // A job left running (e.g. by a crashed caller) is waited for, not doubled.
        if (d.getBlockJobInfo(disk.target(), 0).type == 0 && !done.test(disk.chain())) {
          starter.start(d, disk);
        }
        return null;
      });
    }

    void await() {
      long deadline = System.nanoTime() + jobTimeout.toNanos();
      long endedAt = 0;
      while (true) {
        JobState state = hv.onDomain(kind + " of disk " + serial + " of", id, missing(kind + " of a disk of", id),
            (d, xml) -> {
              AttachedDisk disk = running(d, xml, id, serial);
              boolean active = d.getBlockJobInfo(disk.target(), 0).type != 0;
              // Read the chain after the job state: a job that ends in between then shows its result.
              AttachedDisk after = running(d, d.getXMLDesc(0), id, serial);
              return new JobState(active, done.test(after.chain()));
            });
        if (!state.active() && state.done()) {
          log.debug("{} of {} on {} finished in {} ms", kind, serial, id, ms(t0));
          return;
        }
        long now = System.nanoTime();
        endedAt = state.active() ? 0 : endedAt == 0 ? now : endedAt;
        if (endedAt != 0 && now - endedAt > SETTLE.toNanos()) {
          throw new HypervisorException(kind + " of disk " + serial + " of " + id
              + " ended without the expected backing chain");
        }
        if (now - deadline > 0) {
          throw new HypervisorException(kind + " of disk " + serial + " of " + id + " still runs after "
              + jobTimeout.toSeconds() + " s; calling again waits for it", "VIR_ERR_OPERATION_TIMEOUT", null);
        }
        pause();
      }
    }
  }

  private record JobState(boolean active, boolean done) {}

  @FunctionalInterface
  private interface Starter {
    void start(Domain d, AttachedDisk disk) throws LibvirtException;
  }

  private boolean liveHas(String id, String serial) {
    return hv.onDomain("reading disks of", id, () -> false,
        (d, xml) -> d.isActive() == 1 && DiskXml.bySerial(xml, serial).isPresent());
  }

  /** The disk with this serial in the live XML; throws unless the domain runs and has it. */
  private static AttachedDisk running(Domain d, String xml, String id, String serial) throws LibvirtException {
    if (d.isActive() != 1) {
      throw new HypervisorException(id + " is not running", "VIR_ERR_OPERATION_INVALID", null);
    }
    return DiskXml.bySerial(xml, serial).orElseThrow(() -> new HypervisorException(
        id + " has no disk with serial " + serial, "VIR_ERR_INVALID_ARG", null));
  }

  private static <T> LibvirtHypervisor.Absent<T> missing(String what, String id) {
    return () -> {
      throw LibvirtHypervisor.missing(what, id);
    };
  }

  static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HypervisorException("interrupted while waiting for libvirt");
    }
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
