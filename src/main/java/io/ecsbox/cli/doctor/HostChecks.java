package io.ecsbox.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.Json;
import io.ecsbox.compute.type.InstanceTypeCatalog;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checks behind {@code ecsbox doctor}: can this host run ecsbox guests, and is the
 * daemon up? Reads the host only through {@link HostProbe} and the daemon only through the
 * API, so tests run it against fakes. Changes nothing.
 */
public final class HostChecks {
  static final long GIB = 1024L * 1024 * 1024;
  static final String SETUP_FIX = "run host-setup/setup.sh (or start libvirt by hand:"
      + " virtlogd -d && libvirtd -d)";

  private final HostProbe probe;
  private final Supplier<Api> api;
  private final Path dataDir;
  private final String libvirtUri;

  public HostChecks(HostProbe probe, Supplier<Api> api, Path dataDir, String libvirtUri) {
    this.probe = probe;
    this.api = api;
    this.dataDir = dataDir;
    this.libvirtUri = libvirtUri;
  }

  /** Runs every check, in the order a user should fix them. */
  public List<CheckResult> runAll() {
    List<CheckResult> out = new java.util.ArrayList<>(List.of(libvirt(), kvm(), qemuImg(), isoTool(), iptables(),
        diskSpace(), images()));
    out.addAll(limits());
    out.add(daemon());
    return out;
  }

  /** The smallest instance type's memory: how many guests the memory holds is counted in it. */
  static final long SMALLEST_GUEST_MIB = InstanceTypeCatalog.builtIn().smallest().memoryMiB();

  /**
   * Every kernel limit a guest takes from: its value, what one guest takes, and how many guests
   * it allows; a warning when that is fewer than the host's memory holds (without overcommit).
   */
  List<CheckResult> limits() {
    io.ecsbox.agent.HostResources r = probe.resources();
    // As the daemon admits by default: the memory less the reserve kept for the host itself.
    long reserve = new DaemonConfig.Overcommit(1, 1, java.util.Optional.empty()).reserveMiB(r.memoryMiB());
    long byMemory = Math.max(0, r.memoryMiB() - reserve) / SMALLEST_GUEST_MIB;
    List<CheckResult> out = new java.util.ArrayList<>();
    out.add(CheckResult.ok("memory", r.memoryMiB() + " MiB (" + r.memoryAvailableMiB() + " available), less "
        + reserve + " MiB kept for the host: about " + byMemory + " guests of " + SMALLEST_GUEST_MIB
        + " MiB without overcommit"));
    for (io.ecsbox.agent.HostResources.HostLimit l : r.limits()) {
      String name = "limit " + l.name();
      if (l.perGuest() <= 0) {
        out.add(CheckResult.ok(name, l.value() + " (" + l.inUse() + " in use): does not bound guests"));
        continue;
      }
      String detail = l.value() + " (" + l.inUse() + " in use), " + l.perGuest() + " per guest: " + l.guests()
          + " guests";
      out.add(l.guests() < byMemory
          ? CheckResult.warn(name, detail + ", fewer than the memory holds (" + byMemory + ")", l.raise())
          : CheckResult.ok(name, detail));
    }
    return out;
  }

  CheckResult libvirt() {
    CommandRunner.Result r = probe.run("virsh", "-c", libvirtUri, "version");
    if (r.exitCode() != 0) {
      return CheckResult.fail("libvirt", "cannot connect to " + libvirtUri + ": "
          + firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr()), SETUP_FIX);
    }
    String lib = valueAfter(r.stdout(), "Using library: ");
    String hv = valueAfter(r.stdout(), "Running hypervisor: ");
    return CheckResult.ok("libvirt", libvirtUri + " reachable"
        + (lib == null ? "" : " (" + lib + (hv == null ? "" : ", " + hv) + ")"));
  }

  static final Path ACCEL = Path.of("/etc/ecsbox/accel");

  CheckResult kvm() {
    Path dev = Path.of("/dev/kvm");
    String module = kvmModule();
    if ("kvm_pvm".equals(module)) {
      return CheckResult.warn("kvm", "/dev/kvm is kvm-pvm (module kvm_pvm, no kvm_intel or kvm_amd): it runs only"
              + " PVM-aware guest kernels, not stock images, so guests run under TCG software emulation, about"
              + " 10x slower",
          "for hardware virtualization use a host whose CPU offers VT-x/AMD-V to the kernel (on a VM: full nested"
              + " virtualization); here ecsbox uses TCG (" + ACCEL + " or ECSBOX_ACCEL=tcg)");
    }
    String from = module == null ? "" : " (from " + module + ")";
    if (probe.exists(dev) && probe.readWritable(dev)) {
      String probed = probe.read(ACCEL).map(String::strip).orElse("");
      if (probed.equals("tcg")) {
        return CheckResult.warn("kvm", "/dev/kvm" + from + " exists but a guest failed to boot under it (" + ACCEL
                + " says tcg): guests run under TCG software emulation, about 10x slower",
            "on a VM, enable full nested virtualization; then rerun host-setup/probe-kvm.sh");
      }
      return CheckResult.ok("kvm", "/dev/kvm" + from + " usable: guests run with hardware virtualization"
          + (probed.equals("kvm") ? " (boot probe passed)" : " (not probed: run host-setup/probe-kvm.sh)"));
    }
    String why;
    if (probe.exists(dev)) {
      why = "/dev/kvm" + from + " is not readable and writable by this user";
    } else {
      String flags = probe.read(CPUINFO).map(HostChecks::virtualizationFlag)
          .map(f -> "the CPU offers " + f + " but no kvm_intel or kvm_amd module is loaded")
          .orElse("the CPU offers no vmx or svm flag to this kernel");
      why = "/dev/kvm is missing: " + flags;
    }
    return CheckResult.warn("kvm",
        "no KVM: guests run under TCG software emulation, about 10x slower (" + why + ")",
        "enable VT-x/AMD-V (nested virtualization on a VM), load kvm_intel or kvm_amd, and add the user to group kvm");
  }

  static final Path CPUINFO = Path.of("/proc/cpuinfo");

  /** The module behind /dev/kvm: kvm_intel, kvm_amd, kvm_pvm (only PVM-aware guests), or null. */
  private String kvmModule() {
    for (String m : List.of("kvm_intel", "kvm_amd", "kvm_pvm")) {
      if (probe.exists(Path.of("/sys/module", m))) {
        return m;
      }
    }
    return null;
  }

  /** {@code vmx} or {@code svm} when /proc/cpuinfo's flags list it, else null. */
  static String virtualizationFlag(String cpuinfo) {
    for (String line : cpuinfo.split("\n")) {
      if (line.startsWith("flags")) {
        List<String> flags = List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
        return flags.contains("vmx") ? "vmx" : flags.contains("svm") ? "svm" : null;
      }
    }
    return null;
  }

  CheckResult qemuImg() {
    CommandRunner.Result r = probe.run("qemu-img", "--version");
    return r.exitCode() == 0 ? CheckResult.ok("qemu-img", firstLine(r.stdout()))
        : CheckResult.fail("qemu-img", "not found", "apt-get install qemu-utils");
  }

  CheckResult isoTool() {
    for (String[] argv : List.of(new String[] {"xorriso", "-version"},
        new String[] {"genisoimage", "--version"})) {
      if (probe.run(argv).exitCode() == 0) {
        return CheckResult.ok("config-drive tool", argv[0] + " present");
      }
    }
    return CheckResult.fail("config-drive tool",
        "neither xorriso nor genisoimage found (needed for config drives)",
        "apt-get install xorriso");
  }

  CheckResult iptables() {
    CommandRunner.Result r = probe.run("iptables", "--version");
    if (r.exitCode() != 0) {
      return CheckResult.fail("iptables", "not found (security groups need it)",
          "apt-get install iptables ipset");
    }
    String v = firstLine(r.stdout());
    String backend = v.contains("nf_tables") ? "nf_tables" : v.contains("legacy") ? "legacy"
        : "unknown";
    return CheckResult.ok("iptables", backend + " backend (" + v + ")");
  }

  CheckResult diskSpace() {
    Path p = dataDir.toAbsolutePath();
    while (p != null && !probe.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return CheckResult.fail("disk space", "no existing directory above " + dataDir, null);
    }
    long free;
    try {
      free = probe.usableBytes(p);
    } catch (IOException e) {
      return CheckResult.warn("disk space", "cannot read free space of " + p + ": "
          + e.getMessage(), null);
    }
    String detail = String.format(Locale.ROOT, "%.1f GiB free for %s", free / (double) GIB,
        dataDir) + (p.equals(dataDir.toAbsolutePath()) ? "" : " (checked " + p + ")");
    String fix = "free space there or choose another --data-dir";
    if (free < GIB) {
      return CheckResult.fail("disk space", detail + ", need at least 1 GiB", fix);
    }
    return free < 5 * GIB ? CheckResult.warn("disk space", detail + ", 5 GiB recommended", fix)
        : CheckResult.ok("disk space", detail);
  }

  CheckResult images() {
    Path dir = dataDir.resolve("images").resolve("system");
    String fix = "images/build-tiny.sh --data-dir " + dataDir;
    try {
      int n = probe.list(dir, "*.json").size();
      return n > 0 ? CheckResult.ok("images", n + " system image manifest(s) in " + dir)
          : CheckResult.fail("images", "no system image manifests (*.json) in " + dir, fix);
    } catch (IOException e) {
      return CheckResult.fail("images", "cannot list " + dir + ": " + e.getMessage(), fix);
    }
  }

  CheckResult daemon() {
    String fix = "start it: ecsbox daemon --data-dir " + dataDir;
    try {
      JsonNode r = api.get().call("DescribeRegions", Map.of());
      List<String> ids = Json.list(r, "Regions", "Region").stream()
          .map(x -> Json.text(x, "RegionId")).toList();
      return CheckResult.ok("daemon", "answers DescribeRegions (regions: "
          + String.join(", ", ids) + ")");
    } catch (EcsApiException e) {
      if (ExitCodes.of(e) == ExitCodes.UNREACHABLE) {
        return CheckResult.warn("daemon", "not reachable: " + e.getMessage(), fix);
      }
      if (e.httpStatus() == 0) {
        // No request was sent: the CLI's own settings are missing or wrong.
        return CheckResult.warn("daemon", "not checked: " + e.getMessage(),
            "set the CLI's endpoint and access key (see 'ecsbox --help')");
      }
      return CheckResult.warn("daemon", "reachable but answered " + e.getMessage(),
          "check the CLI's access key and endpoint settings");
    } catch (RuntimeException e) {
      return CheckResult.warn("daemon", "cannot set up the API client: " + e.getMessage(),
          "check the CLI's endpoint and access key settings");
    }
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  private static String valueAfter(String text, String prefix) {
    for (String line : text.split("\n")) {
      if (line.strip().startsWith(prefix)) {
        return line.strip().substring(prefix.length()).strip();
      }
    }
    return null;
  }
}
