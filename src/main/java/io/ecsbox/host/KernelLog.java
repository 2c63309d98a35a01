package io.ecsbox.host;

import io.ecsbox.host.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's log, asked one question: did the OOM killer kill the QEMU of a domain lately?
 * Its {@code oom-kill:} line names the killed task's memory cgroup, which libvirt names after
 * the domain ({@code /machine/qemu-7-NAME.libvirt-qemu} with cgroup v1,
 * {@code machine-qemu\x2d7\x2dNAME.scope} under systemd), and starts with the seconds since boot.
 */
public final class KernelLog {
  private static final Pattern OOM = Pattern.compile("^\\[\\s*(\\d+)\\.\\d+\\]\\s+oom-kill:(.*)$");
  private final Supplier<String> dmesg;
  private final Supplier<Double> uptimeSeconds;

  /** @param dmesg the kernel log as {@code dmesg} prints it (empty when it cannot be read) */
  KernelLog(Supplier<String> dmesg, Supplier<Double> uptimeSeconds) {
    this.dmesg = dmesg;
    this.uptimeSeconds = uptimeSeconds;
  }

  /** This host's log, through {@code dmesg} (root may read it; elsewhere nothing is found). */
  public static KernelLog of(CommandRunner runner) {
    return new KernelLog(() -> {
      CommandRunner.Result r = runner.runAllowingFailure(List.of("dmesg"), Duration.ofSeconds(10));
      return r.exitCode() == 0 ? r.stdout() : "";
    }, () -> {
      try {
        return Double.parseDouble(Files.readAllLines(Path.of("/proc/uptime")).get(0).split(" ")[0]);
      } catch (java.io.IOException | RuntimeException e) {
        return Double.NaN;
      }
    });
  }

  /** True when the OOM killer killed the QEMU of {@code domain} within the last {@code within}. */
  public boolean oomKilled(String domain, Duration within) {
    double now = uptimeSeconds.get();
    String escaped = domain.replace("-", "\\x2d"); // systemd's unit-name escaping
    for (String line : dmesg.get().split("\n")) {
      Matcher m = OOM.matcher(line);
      if (m.matches() && m.group(2).contains("task=qemu") && (m.group(2).contains(domain)
          || m.group(2).contains(escaped)) && !(now - Long.parseLong(m.group(1)) > within.toSeconds())) {
        return true;
      }
    }
    return false;
  }
}
