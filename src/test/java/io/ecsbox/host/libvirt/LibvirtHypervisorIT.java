package io.ecsbox.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.agent.PowerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against libvirt's in-memory test driver, which ships a foreign "test" domain. */
class LibvirtHypervisorIT {
  private static final String URI = "test:///default";

  private ItDomains domains;
  private LibvirtHypervisor hv;

  @BeforeEach
  void open() throws Exception {
    domains = new ItDomains(URI); // also keeps the shared in-memory driver alive across reconnects
    hv = new LibvirtHypervisor(URI, false);
  }

  @AfterEach
  void cleanUp() {
    try {
      hv.close();
    } finally {
      domains.close();
    }
  }

  static DomainSpec spec(String id, boolean kvm) {
    Path dir = Path.of("/tmp/ecsbox-it", id);
    return new DomainSpec(id, 1, 128, kvm,
        List.of(new DiskDevice("vda", dir.resolve("system.qcow2"), id, null)), dir.resolve("cidata.iso"),
        dir.resolve("console.log"), "it <&> \"name\"", "ecs.t5-lc1m1.small");
  }

  @Test
  void fullLifecycleIsIdempotent() throws Exception {
    String id = domains.name("life");
    assertEquals(PowerState.ABSENT, hv.state(id));
    hv.define(spec(id, false));
    hv.define(spec(id, false)); // redefining is fine
    assertEquals(PowerState.SHUTOFF, hv.state(id));
    assertTrue(hv.ownedDomains().contains(id));

    hv.start(id);
    hv.start(id);
    assertEquals(PowerState.RUNNING, hv.state(id));
    hv.reboot(id);
    assertEquals(PowerState.RUNNING, hv.state(id));
    assertTrue(hv.domainXml(id).contains("https://ecsbox.io/xmlns/instance/1"));

    hv.destroy(id);
    hv.destroy(id);
    assertEquals(PowerState.SHUTOFF, hv.state(id));
    hv.shutdown(id); // not running: nothing to do

    hv.start(id);
    hv.undefine(id); // destroys first
    assertEquals(PowerState.ABSENT, hv.state(id));
    assertFalse(domains.exists(id));
    hv.undefine(id);
    hv.destroy(id);
    hv.shutdown(id);
    assertFalse(hv.ownedDomains().contains(id));
  }

  @Test
  void shutdownAsksTheGuestToStop() {
    String id = domains.name("acpi");
    hv.define(spec(id, false));
    hv.start(id);
    hv.shutdown(id);
    // The test driver powers off at once; a real guest would pass through OTHER.
    assertEquals(PowerState.SHUTOFF, hv.state(id));
  }

  @Test
  void startingOrRebootingAnAbsentDomainFails() {
    String id = domains.name("none");
    HypervisorException e = assertThrows(HypervisorException.class, () -> hv.start(id));
    assertTrue(e.getMessage().contains(id), e.getMessage());
    assertEquals("VIR_ERR_NO_DOMAIN", e.libvirtCode());
    assertThrows(HypervisorException.class, () -> hv.reboot(id));
    assertThrows(HypervisorException.class, () -> hv.domainXml(id));
  }

  @Test
  void rebootingAStoppedDomainReportsLibvirtsMessage() {
    String id = domains.name("stopped");
    hv.define(spec(id, false));
    HypervisorException e = assertThrows(HypervisorException.class, () -> hv.reboot(id));
    assertTrue(e.getMessage().startsWith("reboot " + id + " failed: "), e.getMessage());
    assertEquals("VIR_ERR_OPERATION_INVALID", e.libvirtCode());
  }

  @Test
  void refusesKvmSpecOnTcgHost() {
    String id = domains.name("kvm");
    assertThrows(HypervisorException.class, () -> hv.define(spec(id, true)));
    assertEquals(PowerState.ABSENT, hv.state(id));
  }

  @Test
  void foreignDomainsAreInvisibleAndUntouched() throws Exception {
    assertFalse(hv.ownedDomains().contains("test"));
    assertTrue(domains.active("test"));

    // A foreign domain that even has our id shape, but not our metadata.
    String id = domains.name("foreign");
    String xml = DomainXml.render(spec(id, false)).replaceAll("(?s)<metadata>.*</metadata>", "");
    domains.raw.domainDefineXML(xml).free();
    domains.raw.domainLookupByName(id).create();

    assertFalse(hv.ownedDomains().contains(id));
    assertEquals(PowerState.ABSENT, hv.state(id));
    hv.destroy(id);
    hv.undefine(id);
    assertTrue(domains.active(id));
    HypervisorException e = assertThrows(HypervisorException.class, () -> hv.define(spec(id, false)));
    assertTrue(e.getMessage().contains("not ecsbox's"), e.getMessage());
    assertThrows(HypervisorException.class, () -> hv.domainXml(id));
    assertThrows(HypervisorException.class, () -> hv.start(id));
  }

  @Test
  void reconnectsAfterTheConnectionDrops() {
    String id = domains.name("reconn");
    hv.define(spec(id, false));
    hv.dropConnectionForTest();
    assertEquals(PowerState.SHUTOFF, hv.state(id));
    hv.dropConnectionForTest();
    hv.start(id);
    assertEquals(PowerState.RUNNING, hv.state(id));
  }

  @Test
  void manyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PowerState>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String id = domains.name("par" + i);
        results.add(pool.submit(() -> {
          hv.define(spec(id, false));
          hv.start(id);
          PowerState running = hv.state(id);
          hv.ownedDomains();
          hv.undefine(id);
          assertEquals(PowerState.ABSENT, hv.state(id));
          return running;
        }));
      }
      for (Future<PowerState> f : results) {
        assertEquals(PowerState.RUNNING, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void diskCallsOnDefinedDisksAndTheirEdges() throws Exception {
    String id = domains.name("disks");
    Path data = Path.of("/tmp/ecsbox-it", id, "data.qcow2");
    DiskDevice disk = new DiskDevice("vdb", data, "d-it-data", null);
    DomainSpec base = spec(id, false);
    hv.define(new DomainSpec(id, 1, 128, false, List.of(base.disks().get(0), disk), base.configDrive(),
        base.consoleLog(), "n", "t"));
    assertEquals(java.util.Map.of(id, base.systemDisk(), "d-it-data", data), hv.diskFiles(id));
    hv.attachDisk(id, disk); // in the definition already, and not running: nothing to do
    hv.detachDisk(id, "d-absent", java.time.Duration.ofSeconds(1)); // not attached: nothing to do

    HypervisorException stopped = assertThrows(HypervisorException.class,
        () -> hv.snapshotDisk(id, "d-it-data", Path.of("/tmp/x.qcow2")));
    assertEquals("VIR_ERR_OPERATION_INVALID", stopped.libvirtCode());
    assertThrows(HypervisorException.class, () -> hv.pullDisk(id, "d-it-data", null));
    assertThrows(IllegalArgumentException.class, () -> hv.resizeDisk(id, "d-it-data", 1000));

    String absent = domains.name("nodisks");
    assertEquals(java.util.Map.of(), hv.diskFiles(absent));
    hv.detachDisk(absent, "d-it-data", java.time.Duration.ofSeconds(1));
    assertEquals("VIR_ERR_NO_DOMAIN", assertThrows(HypervisorException.class,
        () -> hv.commitDisk(absent, "d-it-data", Path.of("/a"), Path.of("/b"))).libvirtCode());
  }

  @Test
  void blockRebaseBindingReportsLibvirtsError() throws Exception {
    // The test driver has no block jobs: the failure must come back with libvirt's code.
    org.libvirt.Domain d = domains.raw.domainLookupByName("test");
    try {
      HypervisorException e = assertThrows(HypervisorException.class, () -> NativeLibvirt.startPull(d, "vda", null));
      assertEquals("VIR_ERR_NO_SUPPORT", e.libvirtCode(), e.getMessage());
      assertTrue(e.getMessage().contains("virDomainBlockRebase"), e.getMessage());
    } finally {
      d.free();
    }
  }
}
