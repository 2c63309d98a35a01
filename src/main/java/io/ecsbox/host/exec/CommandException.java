package io.ecsbox.host.exec;

import java.util.List;

/** A host command that failed: its argv, exit code (-1 when it never finished) and stderr. */
public final class CommandException extends RuntimeException {
  private final List<String> argv;
  private final int exitCode;
  private final String stderr;

  public CommandException(List<String> argv, int exitCode, String stderr) {
    super(String.join(" ", argv) + " exited " + exitCode + ": " + stderr.strip());
    this.argv = List.copyOf(argv);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  public List<String> argv() {
    return argv;
  }

  public int exitCode() {
    return exitCode;
  }

  public String stderr() {
    return stderr;
  }
}
