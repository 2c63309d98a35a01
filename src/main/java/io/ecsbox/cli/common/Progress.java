package io.ecsbox.cli.common;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress of a wait on stderr. On a terminal it is one line rewritten in place
 * ({@code [12/20 Running, 8 READY] 34 s}); otherwise a plain line is printed when the state
 * changes and at least every {@value #PLAIN_EVERY_SECONDS} s, so logs stay short.
 */
public final class Progress {
  static final int PLAIN_EVERY_SECONDS = 10;

  private final PrintWriter err;
  private final boolean tty;
  private String lastState;
  private long lastPrintedSecond = -1;
  private boolean dirty;

  public Progress(PrintWriter err, boolean tty) {
    this.err = err;
    this.tty = tty;
  }

  /** Shows {@code [state] N s}. */
  public void update(String state, Duration elapsed) {
    long s = elapsed.toSeconds();
    String line = "[" + state + "] " + s + " s";
    if (tty) {
      err.print("\r" + line + "\033[K");
      dirty = true;
    } else if (!state.equals(lastState) || s - lastPrintedSecond >= PLAIN_EVERY_SECONDS) {
      err.println(line);
      lastPrintedSecond = s;
    }
    lastState = state;
    err.flush();
  }

  /** Ends the in-place line so later output starts on a fresh line. */
  public void done() {
    if (tty && dirty) {
      err.println();
      err.flush();
      dirty = false;
    }
  }
}
