package io.ecsbox.host.libvirt;

import io.ecsbox.host.ConsoleSockets;
import io.ecsbox.host.DataDirCheck;
import static io.ecsbox.host.libvirt.ItGuestFixture.logShows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.agent.PowerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against the host's real libvirt + QEMU. The guest has an empty disk, so it
 * sits in SeaBIOS; that is enough to prove the device model is accepted and runs. Runs
 * under TCG always and also under KVM when this host offers it.
 */
class LibvirtHypervisorQemuIT {
  private static final String URI = "qemu:///system";

  private ItGuestFixture guests;

  @BeforeEach
  void setUp() throws Exception {
    guests = new ItGuestFixture(URI, "ecsbox-it-virt-");
  }

  @AfterEach
  void tearDown() throws IOException {
    guests.close();
  }

  @Test
  void definesStartsAndRemovesARealDomain() throws Exception {
    boolean kvm = LibvirtHypervisor.detectKvm(URI);
    List<Boolean> variants = kvm ? List.of(false, true) : List.of(false);
    try (LibvirtHypervisor hv = new LibvirtHypervisor(URI, kvm)) {
      assertEquals(kvm, hv.kvm());
      List<String> timings = new ArrayList<>();
      for (boolean useKvm : variants) {
        timings.add(lifecycle(hv, useKvm));
      }
      System.out.println("[LibvirtHypervisorQemuIT] " + String.join("; ", timings));
    }
  }

  private String lifecycle(LibvirtHypervisor hv, boolean useKvm) throws Exception {
    String id = guests.domains.name(useKvm ? "kvm" : "tcg");
    Path disk = guests.dir.resolve(id + ".qcow2");
    Path iso = guests.dir.resolve(id + ".iso");
    Path log = guests.dir.resolve(id + ".log");
    run("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "64M");
    Files.write(iso, new byte[64 * 1024]); // any small file works as a raw CD-ROM
    DomainSpec spec = new DomainSpec(id, 1, 128, useKvm, List.of(new DiskDevice("vda", disk, id, null)), iso,
        log, "it's <ours>", "ecs.t5-lc1m1.small");
    ConsoleSockets.prepare(spec.consoleDir(), DataDirCheck.qemuUser(URI).map(DataDirCheck.QemuUser::name));

    long t0 = System.nanoTime();
    hv.define(spec);
    long defineMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(PowerState.SHUTOFF, hv.state(id));

    t0 = System.nanoTime();
    hv.start(id);
    long startMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(PowerState.RUNNING, hv.state(id));
    assertTrue(Files.exists(log), "console log " + log + " should exist once the domain runs");
    assertTrue(logShows(log, "SeaBIOS", 30), "SeaBIOS should print to the serial console log");
    assertTrue(hv.ownedDomains().contains(id));
    assertTrue(hv.domainXml(id).contains(useKvm ? "<domain type='kvm'" : "<domain type='qemu'"));

    hv.define(spec); // redefining a running domain keeps it running
    assertEquals(PowerState.RUNNING, hv.state(id));

    hv.destroy(id);
    assertEquals(PowerState.SHUTOFF, hv.state(id));
    hv.undefine(id);
    assertEquals(PowerState.ABSENT, hv.state(id));
    assertFalse(guests.domains.exists(id));
    assertFalse(hv.ownedDomains().contains(id));
    return (useKvm ? "KVM" : "TCG") + ": defineXML " + defineMs + " ms, create " + startMs + " ms";
  }

  private static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
    }
  }
}
