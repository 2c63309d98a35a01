package io.ecsbox.host.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way ecsbox runs a host command: an argument array (never a shell string), a
 * timeout, {@code LC_ALL=C}, logged with its duration. A non-zero exit or a timeout
 * throws {@link CommandException} carrying argv, exit code and stderr.
 */
public final class CommandRunner {
  private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** What a finished command printed. */
  public record Result(int exitCode, String stdout, String stderr) {}

  public Result run(String... argv) {
    return run(List.of(argv), DEFAULT_TIMEOUT);
  }

  public Result run(List<String> argv) {
    return run(argv, DEFAULT_TIMEOUT);
  }

  /** Runs argv and throws unless it exits 0 within the timeout. */
  public Result run(List<String> argv, Duration timeout) {
    Result r = runAllowingFailure(argv, timeout);
    if (r.exitCode() != 0) {
      throw new CommandException(argv, r.exitCode(), r.stderr());
    }
    return r;
  }

  /**
   * Runs argv like {@link #run(List, Duration)}, handing each stdout line (ended by \n or \r)
   * to {@code onLine} on the calling thread as it arrives; returns stderr.
   */
  public String runStreaming(List<String> argv, Duration timeout, java.util.function.Consumer<String> onLine) {
    return StreamingCommand.run(argv, timeout, onLine);
  }

  /** Runs argv and returns its result whatever the exit code; a timeout still throws. */
  public Result runAllowingFailure(List<String> argv, Duration timeout) {
    long start = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("LC_ALL", "C");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new CommandException(argv, -1, "cannot start: " + e.getMessage());
    }
    StreamGobbler out = new StreamGobbler(p.getInputStream());
    StreamGobbler err = new StreamGobbler(p.getErrorStream());
    out.start();
    err.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new CommandException(argv, -1, "timed out after " + timeout.toSeconds() + " s");
      }
      out.join();
      err.join();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CommandException(argv, -1, "interrupted");
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    log.debug("ran {} -> {} in {} ms", argv, p.exitValue(), ms);
    return new Result(p.exitValue(), out.text(), err.text());
  }

  private static final class StreamGobbler extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    StreamGobbler(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        in.transferTo(buf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String text() {
      return buf.toString(StandardCharsets.UTF_8);
    }
  }
}
