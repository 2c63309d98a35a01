package io.ecsbox.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.FakeApi;
import io.ecsbox.cli.common.FakeClock;
import io.ecsbox.cli.doctor.CheckResult.Level;
import io.ecsbox.client.EcsApiException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HostChecksTest {
  private static final Path DATA = Path.of("/var/lib/ecsbox");
  private static final String REGIONS =
      "{\"Regions\":{\"Region\":[{\"RegionId\":\"local-1\"}]}}";

  private final FakeHostProbe probe = FakeHostProbe.healthy(DATA);
  private Supplier<Api> api = () -> new FakeApi().on("DescribeRegions", REGIONS);

  private HostChecks checks() {
    return new HostChecks(probe, api, DATA, "qemu:///system");
  }

  @Test
  void healthyHostIsAllOk() {
    List<CheckResult> all = checks().runAll();
    assertEquals(10, all.size(), "8 checks, memory and one kernel limit");
    all.forEach(r -> assertEquals(Level.OK, r.level(), r.render()));
    assertEquals("OK libvirt: qemu:///system reachable (libvirt 9.0.0, QEMU 7.2.0)\n",
        checks().libvirt().render());
    assertEquals("OK iptables: nf_tables backend (iptables v1.8.9 (nf_tables))\n",
        checks().iptables().render());
  }

  @Test
  void eachKernelLimitSaysHowManyGuestsItAllowsAndWarnsBelowTheMemory() {
    List<CheckResult> limits = checks().limits();
    assertEquals("memory", limits.get(0).name());
    assertTrue(limits.get(0).detail().contains("less 1200 MiB kept for the host: about 44 guests of 512 MiB"), limits.get(0).detail());
    assertEquals(Level.OK, limits.get(1).level());
    assertTrue(limits.get(1).detail().contains("1024 per guest: 1024 guests"), limits.get(1).detail());
    probe.resources = new io.ecsbox.agent.HostResources(2, 48_000, 40_000, List.of(
        new io.ecsbox.agent.HostResources.HostLimit("fs.aio-max-nr", 65_536, 0, 1024, "sysctl -w fs.aio-max-nr=N"),
        new io.ecsbox.agent.HostResources.HostLimit("net.netfilter.nf_conntrack_max", 262_144, 9, 0, "sysctl")));
    limits = checks().limits();
    assertEquals(Level.WARN, limits.get(1).level());
    assertTrue(limits.get(1).detail().contains("64 guests, fewer than the memory holds (89)"), limits.get(1).detail());
    assertEquals("sysctl -w fs.aio-max-nr=N", limits.get(1).fix());
    assertTrue(limits.get(2).detail().contains("does not bound guests"), limits.get(2).detail());
  }

  @Test
  void libvirtDownFailsWithTheSetupFix() {
    probe.fails("virsh -c qemu:///system version", "error: failed to connect to the hypervisor\n");
    CheckResult r = checks().libvirt();
    assertEquals(Level.FAIL, r.level());
    assertEquals("FAIL libvirt: cannot connect to qemu:///system: error: failed to connect to the"
        + " hypervisor\n  fix: " + HostChecks.SETUP_FIX + "\n", r.render());
  }

  @Test
  void missingKvmIsOnlyAWarning() {
    probe.existing.remove(Path.of("/dev/kvm"));
    CheckResult r = checks().kvm();
    assertEquals(Level.WARN, r.level());
    assertTrue(r.detail().startsWith(
        "no KVM: guests run under TCG software emulation, about 10x slower"), r.detail());
    probe.existing.add(Path.of("/dev/kvm"));
    probe.readWritable.clear();
    assertEquals(Level.WARN, checks().kvm().level());
  }

  @Test
  void kvmSaysWhatItFound() {
    probe.existing.remove(Path.of("/dev/kvm"));
    probe.files.put(HostChecks.CPUINFO, "processor\t: 0\nflags\t\t: fpu sse2 vmx ept\n");
    assertTrue(checks().kvm().detail().contains("/dev/kvm is missing: the CPU offers vmx but no kvm_intel or kvm_amd"
        + " module is loaded"), checks().kvm().detail());
    probe.files.put(HostChecks.CPUINFO, "flags\t\t: fpu sse2\n");
    assertTrue(checks().kvm().detail().contains("the CPU offers no vmx or svm flag"), checks().kvm().detail());
    // this machine: a kvm-pvm /dev/kvm, usable by the user, that runs no stock guest
    probe.existing.add(Path.of("/dev/kvm"));
    probe.existing.add(Path.of("/sys/module/kvm_pvm"));
    CheckResult pvm = checks().kvm();
    assertEquals(Level.WARN, pvm.level());
    assertTrue(pvm.detail().startsWith("/dev/kvm is kvm-pvm (module kvm_pvm"), pvm.detail());
    probe.existing.add(Path.of("/sys/module/kvm_intel"));
    assertEquals("/dev/kvm (from kvm_intel) usable: guests run with hardware virtualization (not probed: run"
        + " host-setup/probe-kvm.sh)", checks().kvm().detail());
  }

  @Test
  void kvmThatFailedTheBootProbeIsAWarning() {
    assertEquals(Level.OK, checks().kvm().level());
    probe.files.put(HostChecks.ACCEL, "tcg\n");
    CheckResult r = checks().kvm();
    assertEquals(Level.WARN, r.level());
    assertTrue(r.detail().contains("failed to boot"), r.detail());
    probe.files.put(HostChecks.ACCEL, "kvm\n");
    assertEquals(Level.OK, checks().kvm().level());
  }

  @Test
  void toolsMissingFail() {
    probe.commands.clear();
    assertEquals(Level.FAIL, checks().qemuImg().level());
    assertEquals(Level.FAIL, checks().isoTool().level());
    assertEquals(Level.FAIL, checks().iptables().level());
    probe.ok("genisoimage --version", "genisoimage 1.1.11\n");
    assertEquals("OK config-drive tool: genisoimage present\n", checks().isoTool().render());
    probe.ok("iptables --version", "iptables v1.8.9 (legacy)\n");
    assertTrue(checks().iptables().detail().startsWith("legacy backend"));
  }

  @Test
  void diskSpaceThresholds() {
    probe.freeBytes = 4 * HostChecks.GIB;
    assertEquals(Level.WARN, checks().diskSpace().level());
    probe.freeBytes = HostChecks.GIB / 2;
    CheckResult r = checks().diskSpace();
    assertEquals(Level.FAIL, r.level());
    assertTrue(r.detail().startsWith("0.5 GiB free for /var/lib/ecsbox"), r.detail());
    probe.freeBytes = 5 * HostChecks.GIB;
    assertEquals(Level.OK, checks().diskSpace().level());
  }

  @Test
  void diskSpaceOfAMissingDataDirIsReadFromItsParent() {
    probe.existing.remove(DATA);
    CheckResult r = checks().diskSpace();
    assertEquals(Level.OK, r.level());
    assertTrue(r.detail().endsWith("(checked /var/lib)"), r.detail());
  }

  @Test
  void noImagesFailsWithTheBuildScript() {
    probe.dirs.clear();
    CheckResult r = checks().images();
    assertEquals(Level.FAIL, r.level());
    assertEquals("images/build-tiny.sh --data-dir /var/lib/ecsbox", r.fix());
  }

  @Test
  void daemonDownIsAWarning() {
    api = () -> (a, p) -> {
      throw new EcsApiException(0, "ConnectionFailed", "not reachable", null);
    };
    assertEquals(Level.WARN, checks().daemon().level());
    api = () -> {
      throw new EcsApiException(0, "MissingCredentials", "no key", null);
    };
    assertEquals(Level.WARN, checks().daemon().level());
  }

  @Test
  void doctorCommandPrintsEveryCheckAndExitsOneOnlyOnFailure() {
    assertEquals(0, doctor().exit);
    assertTrue(doctor().out.startsWith("OK libvirt: "), doctor().out);
    probe.existing.remove(Path.of("/dev/kvm"));
    Run warned = doctor();
    assertEquals(0, warned.exit);
    assertTrue(warned.out.contains("WARN kvm: no KVM"), warned.out);
    probe.dirs.clear();
    Run failed = doctor();
    assertEquals(1, failed.exit);
    assertTrue(failed.out.contains("FAIL images: no system image manifests (*.json) in"
        + " /var/lib/ecsbox/images/system\n  fix: images/build-tiny.sh --data-dir"
        + " /var/lib/ecsbox\n"), failed.out);
    assertEquals(10, failed.out.lines().filter(l -> !l.startsWith("  fix:")).count());
  }

  private record Run(int exit, String out) {}

  private Run doctor() {
    StringWriter out = new StringWriter();
    FakeClock clock = new FakeClock();
    CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(new StringWriter()),
        api, clock, clock.sleeper(), false, Map.of());
    int exit = new CommandLine(new DoctorCommand(ctx, probe))
        .execute("--data-dir", DATA.toString());
    return new Run(exit, out.toString());
  }
}
