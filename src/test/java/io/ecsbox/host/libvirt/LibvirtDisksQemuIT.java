package io.ecsbox.host.libvirt;

import io.ecsbox.host.ConsoleSockets;
import io.ecsbox.host.DataDirCheck;
import static io.ecsbox.host.libvirt.ItGuestFixture.logShows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.agent.IoTune;
import io.ecsbox.agent.PowerState;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

/**
 * Data disks on a booted tiny guest under TCG on the host's qemu:///system: hot-plug with
 * I/O limits, live external snapshots, resize, commit and pull of backing layers, hot-unplug.
 * Needs the tiny image (images/build-tiny.sh).
 */
class LibvirtDisksQemuIT {
  private static final String URI = "qemu:///system";
  private static final Path IMAGE = Path.of("/var/lib/ecsbox/images/system/ecsbox-tiny-x64.qcow2");
  private static final long GIB = 1L << 30;

  private final CommandRunner cmd = new CommandRunner();
  private final List<String> timings = new ArrayList<>();
  private ItGuestFixture guests;

  @BeforeEach
  void setUp() throws Exception {
    guests = new ItGuestFixture(URI, "ecsbox-it-disks-");
  }

  @AfterEach
  void tearDown() throws IOException {
    guests.close();
  }

  @Test
  void dataDiskLifecycleOnARunningGuest() throws Exception {
    assertTrue(Files.exists(IMAGE), IMAGE + " is missing: run images/build-tiny.sh");
    try (LibvirtHypervisor hv = new LibvirtHypervisor(URI, LibvirtHypervisor.detectKvm(URI))) {
      String id = guests.domains.name("disks");
      Path sys = overlay("system.qcow2", IMAGE, GIB);
      Path iso = guests.dir.resolve("cidata.iso");
      Files.write(iso, new byte[64 * 1024]); // not an ISO: the guest boots without a config drive
      Path log = guests.dir.resolve("console.log");
      DomainSpec spec = new DomainSpec(id, 1, 256, false, List.of(new DiskDevice("vda", sys, id, null)), iso, log,
          "disks", "ecs.t5-lc1m1.small");
      ConsoleSockets.prepare(spec.consoleDir(), DataDirCheck.qemuUser(URI).map(DataDirCheck.QemuUser::name));
      hv.define(spec);
      hv.start(id);
      assertTrue(logShows(log, "ECSBOX-READY", 90), "the tiny guest should boot");

      // Hot-plug a 1 GiB data disk whose first MiB holds a pattern.
      Path data = guests.dir.resolve("data.qcow2");
      cmd.run("qemu-img", "create", "-q", "-f", "qcow2", data.toString(), Long.toString(GIB));
      cmd.run("qemu-io", "-f", "qcow2", "-c", "write -P 0xab 0 1M", data.toString());
      String serial = "d-ecsboxit-data1";
      DiskDevice disk = new DiskDevice("vdb", data, serial, new IoTune(1000, 50L << 20));
      long t0 = System.nanoTime();
      hv.attachDisk(id, disk);
      time("attach", t0);
      hv.attachDisk(id, disk); // idempotent
      for (String xml : List.of(hv.domainXml(id), inactiveXml(id))) {
        assertEquals(1, xml.split("<serial>" + serial + "</serial>", -1).length - 1, xml);
        assertTrue(xml.contains("<total_iops_sec>1000</total_iops_sec>"), xml);
        assertTrue(xml.contains("<total_bytes_sec>52428800</total_bytes_sec>"), xml);
      }
      assertEquals(Map.of(id, sys, serial, data), hv.diskFiles(id));

      // Live snapshots: data <- l1 <- l2 (active), and one of the system disk.
      Path l1 = snapshot(hv, id, serial, data, "l1.qcow2", GIB);
      hv.snapshotDisk(id, serial, l1); // taken already: nothing to do
      Path l2 = snapshot(hv, id, serial, l1, "l2.qcow2", GIB);
      assertEquals(List.of(l2, l1, data), chain(l2));
      Path s1 = snapshot(hv, id, id, sys, "system-s1.qcow2", GIB);
      assertEquals(List.of(s1, sys, IMAGE), chain(s1));
      assertTrue(inactiveXml(id).contains("<source file='" + l2 + "'/>"), "the definition follows the new top");
      assertEquals(PowerState.RUNNING, hv.state(id));

      t0 = System.nanoTime();
      hv.resizeDisk(id, serial, 2 * GIB);
      time("resize", t0);
      hv.resizeDisk(id, serial, 2 * GIB);
      assertEquals(2 * GIB, info(l2).get(0).path("virtual-size").asLong());
      assertThrows(HypervisorException.class, () -> hv.resizeDisk(id, serial, GIB));

      t0 = System.nanoTime();
      hv.commitDisk(id, serial, l1, data);
      time("commit l1", t0);
      assertEquals(List.of(l2, data), chain(l2));
      hv.commitDisk(id, serial, l1, data); // done already

      Path l3 = snapshot(hv, id, serial, l2, "l3.qcow2", 2 * GIB);
      t0 = System.nanoTime();
      hv.pullDisk(id, serial, data);
      time("pull onto base", t0);
      assertEquals(List.of(l3, data), chain(l3));
      t0 = System.nanoTime();
      hv.pullDisk(id, serial, null);
      time("pull all", t0);
      hv.pullDisk(id, serial, null); // done already
      assertEquals(List.of(l3), chain(l3));

      HypervisorException e = assertThrows(HypervisorException.class,
          () -> hv.snapshotDisk(id, "d-absent", guests.dir.resolve("x.qcow2")));
      assertEquals("VIR_ERR_INVALID_ARG", e.libvirtCode());

      t0 = System.nanoTime();
      hv.detachDisk(id, serial, Duration.ofSeconds(20));
      time("detach", t0);
      hv.detachDisk(id, serial, Duration.ofSeconds(20)); // gone already
      assertFalse(hv.domainXml(id).contains(serial));
      assertFalse(inactiveXml(id).contains(serial));
      assertEquals(Map.of(id, s1), hv.diskFiles(id));
      // Only now that QEMU closed the file is its qcow2 metadata on disk for another reader.
      var read = cmd.runAllowingFailure(List.of("qemu-io", "-r", "-f", "qcow2", "-c", "read -P 0xab 0 1M",
          l3.toString()), Duration.ofSeconds(30));
      assertEquals(0, read.exitCode(), "the base's data should have been pulled up: " + read.stdout());
      assertEquals(PowerState.RUNNING, hv.state(id));

      hv.undefine(id);
      assertEquals(PowerState.ABSENT, hv.state(id));
      System.out.println("[LibvirtDisksQemuIT] TCG: " + String.join(", ", timings));
    }
  }

  /** Pre-creates an overlay on the disk's current top and makes it the top, live. */
  private Path snapshot(LibvirtHypervisor hv, String id, String serial, Path top, String name, long size) {
    Path next = overlay(name, top, size);
    long t0 = System.nanoTime();
    hv.snapshotDisk(id, serial, next);
    time("snapshot " + name, t0);
    assertEquals(next, hv.diskFiles(id).get(serial));
    return next;
  }

  private Path overlay(String name, Path backing, long size) {
    Path p = guests.dir.resolve(name);
    cmd.run("qemu-img", "create", "-q", "-f", "qcow2", "-u", "-b", backing.toString(), "-F", "qcow2",
        p.toString(), Long.toString(size));
    return p;
  }

  /** The backing chain of a file in use, top first, as qemu-img reads it. */
  private List<Path> chain(Path top) throws Exception {
    List<Path> out = new ArrayList<>();
    for (JsonNode layer : info(top)) {
      out.add(Path.of(layer.path("filename").asText()));
    }
    return out;
  }

  private JsonNode info(Path top) throws Exception {
    String json = cmd.run("qemu-img", "info", "-U", "--backing-chain", "--output=json", top.toString()).stdout();
    return new ObjectMapper().readTree(json);
  }

  private String inactiveXml(String id) throws Exception {
    Domain d = guests.domains.raw.domainLookupByName(id);
    try {
      return d.getXMLDesc(LibvirtDisks.XML_INACTIVE);
    } finally {
      d.free();
    }
  }

  private void time(String what, long t0) {
    timings.add(what + " " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }
}
