package io.ecsbox.cli.doctor;

import io.ecsbox.host.exec.CommandException;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link HostProbe} on this machine, through the shared {@link CommandRunner}. */
public final class LocalHostProbe implements HostProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final CommandRunner runner;

  public LocalHostProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public CommandRunner.Result run(String... argv) {
    try {
      return runner.runAllowingFailure(List.of(argv), TIMEOUT);
    } catch (CommandException e) {
      return new CommandRunner.Result(-1, "", e.stderr());
    }
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public boolean readWritable(Path path) {
    return Files.isReadable(path) && Files.isWritable(path);
  }

  @Override
  public java.util.Optional<String> read(Path path) {
    try {
      return java.util.Optional.of(Files.readString(path));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public long usableBytes(Path path) throws IOException {
    return Files.getFileStore(path).getUsableSpace();
  }

  @Override
  public List<Path> list(Path dir, String glob) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      ds.forEach(out::add);
    }
    return out;
  }

  @Override
  public io.ecsbox.agent.HostResources resources() {
    return io.ecsbox.host.HostInfo.resources();
  }
}
