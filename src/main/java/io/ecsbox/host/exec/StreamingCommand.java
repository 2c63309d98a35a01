package io.ecsbox.host.exec;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming half of {@link CommandRunner#runStreaming}: like {@link CommandRunner#run}
 * (argv, timeout, {@code LC_ALL=C}, stdin from /dev/null, {@link CommandException} on
 * failure) but each stdout line goes to a callback as it arrives. Lines end at {@code \n} or
 * {@code \r} (progress meters redraw with {@code \r}).
 */
final class StreamingCommand {
  private static final Logger log = LoggerFactory.getLogger(StreamingCommand.class);

  private StreamingCommand() {}

  /** Runs argv, feeding stdout lines to {@code onLine} on the calling thread; returns stderr. */
  static String run(List<String> argv, Duration timeout, Consumer<String> onLine) {
    long start = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("LC_ALL", "C");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new CommandException(argv, -1, "cannot start: " + e.getMessage());
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errReader = daemon(() -> drain(p, err));
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread watchdog = daemon(() -> kill(p, timeout, timedOut));
    try {
      splitLines(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), onLine);
      p.waitFor();
      errReader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException(argv, -1, "interrupted");
    } catch (IOException e) {
      throw new CommandException(argv, -1, "cannot read output: " + e.getMessage());
    } finally {
      p.destroyForcibly(); // no-op once it exited; stops it if onLine threw
      watchdog.interrupt();
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    log.debug("ran {} -> {} in {} ms", argv, p.exitValue(), (System.nanoTime() - start) / 1_000_000);
    if (timedOut.get()) {
      throw new CommandException(argv, -1, "timed out after " + timeout.toSeconds() + " s");
    }
    if (p.exitValue() != 0) {
      throw new CommandException(argv, p.exitValue(), stderr);
    }
    return stderr;
  }

  /** Feeds each non-empty line of {@code in} (ended by {@code \n}, {@code \r} or EOF) to onLine. */
  static void splitLines(Reader in, Consumer<String> onLine) throws IOException {
    StringBuilder line = new StringBuilder();
    char[] buf = new char[4096];
    for (int n; (n = in.read(buf)) >= 0; ) {
      for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n' || c == '\r') {
          emit(line, onLine);
        } else {
          line.append(c);
        }
      }
    }
    emit(line, onLine);
  }

  private static void emit(StringBuilder line, Consumer<String> onLine) {
    if (line.length() > 0) {
      String s = line.toString();
      line.setLength(0);
      onLine.accept(s);
    }
  }

  private static void drain(Process p, ByteArrayOutputStream err) {
    try {
      p.getErrorStream().transferTo(err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void kill(Process p, Duration timeout, AtomicBoolean timedOut) {
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut.set(true);
        p.destroyForcibly(); // closes stdout, which ends the reading loop
      }
    } catch (InterruptedException e) {
      // the command finished first
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "streaming-command");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
