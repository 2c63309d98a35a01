package io.ecsbox.cli.doctor;

import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What {@link HostChecks} reads from the host; tests pass a fake. */
public interface HostProbe {
  /**
   * Runs a command and returns its result whatever the exit code; a command that cannot be
   * started or times out gives exit code -1 with the reason as stderr.
   */
  CommandRunner.Result run(String... argv);

  boolean exists(Path path);

  /** True when this user may open the file for reading and writing (as QEMU needs /dev/kvm). */
  boolean readWritable(Path path);

  /** The file's text, or empty when it is missing or unreadable. */
  java.util.Optional<String> read(Path path);

  /** Free bytes for this user on the file system that holds {@code path}, which exists. */
  long usableBytes(Path path) throws IOException;

  /** The host's CPUs, memory and the kernel limits guests take from. */
  io.ecsbox.agent.HostResources resources();

  /** Entries of {@code dir} matching a glob such as {@code *.json}; empty if dir is missing. */
  List<Path> list(Path dir, String glob) throws IOException;
}
