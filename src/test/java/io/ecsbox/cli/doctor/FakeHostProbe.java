package io.ecsbox.cli.doctor;

import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A host made of maps: commands answer canned results, files exist when added. */
final class FakeHostProbe implements HostProbe {
  final Map<String, CommandRunner.Result> commands = new HashMap<>();
  final Set<Path> existing = new HashSet<>();
  final Set<Path> readWritable = new HashSet<>();
  final Map<Path, List<Path>> dirs = new HashMap<>();
  final List<String> ran = new ArrayList<>();
  final Map<Path, String> files = new HashMap<>();
  long freeBytes = 100L * HostChecks.GIB;
  io.ecsbox.agent.HostResources resources = new io.ecsbox.agent.HostResources(2, 24_000, 20_000, List.of(
      new io.ecsbox.agent.HostResources.HostLimit("fs.aio-max-nr", 1_048_576, 0, 1024, "sysctl -w fs.aio-max-nr=N")));

  /** A healthy host with data dir {@code dataDir}. */
  static FakeHostProbe healthy(Path dataDir) {
    FakeHostProbe p = new FakeHostProbe();
    p.ok("virsh -c qemu:///system version",
        "Compiled against library: libvirt 9.0.0\nUsing library: libvirt 9.0.0\n"
            + "Using API: QEMU 9.0.0\nRunning hypervisor: QEMU 7.2.0\n");
    p.ok("qemu-img --version", "qemu-img version 7.2.9 (Debian 1:7.2+dfsg-7)\nCopyright\n");
    p.ok("xorriso -version", "xorriso 1.5.4\n");
    p.ok("iptables --version", "iptables v1.8.9 (nf_tables)\n");
    p.existing.add(Path.of("/dev/kvm"));
    p.readWritable.add(Path.of("/dev/kvm"));
    for (Path d = dataDir; d != null; d = d.getParent()) {
      p.existing.add(d);
    }
    p.dirs.put(dataDir.resolve("images/system"),
        List.of(dataDir.resolve("images/system/tiny.json")));
    return p;
  }

  void ok(String cmd, String stdout) {
    commands.put(cmd, new CommandRunner.Result(0, stdout, ""));
  }

  void fails(String cmd, String stderr) {
    commands.put(cmd, new CommandRunner.Result(1, "", stderr));
  }

  @Override
  public CommandRunner.Result run(String... argv) {
    String cmd = String.join(" ", argv);
    ran.add(cmd);
    return commands.getOrDefault(cmd, new CommandRunner.Result(-1, "", "cannot start: no such"
        + " file"));
  }

  @Override
  public boolean exists(Path path) {
    return existing.contains(path);
  }

  @Override
  public java.util.Optional<String> read(Path path) {
    return java.util.Optional.ofNullable(files.get(path));
  }

  @Override
  public boolean readWritable(Path path) {
    return readWritable.contains(path);
  }

  @Override
  public long usableBytes(Path path) throws IOException {
    if (!existing.contains(path)) {
      throw new IOException("no such directory " + path);
    }
    return freeBytes;
  }

  @Override
  public List<Path> list(Path dir, String glob) {
    return dirs.getOrDefault(dir, List.of());
  }

  @Override
  public io.ecsbox.agent.HostResources resources() {
    return resources;
  }
}
