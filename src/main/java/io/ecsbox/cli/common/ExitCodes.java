package io.ecsbox.cli.common;

import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.WaitTimeoutException;
import java.io.PrintWriter;
import java.util.Set;

/**
 * The CLI's exit codes and how failures map to them: 0 ok, 1 the API answered with an error
 * (or {@code doctor} found a FAIL, or the host stopped an instance being waited for), 2 bad usage (picocli's default), 3 the daemon could not be
 * reached (or its certificate changed), 4 a wait timed out.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int API_ERROR = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int TIMEOUT = 4;

  /** Client error codes meaning no answer came from the daemon. */
  private static final Set<String> NO_ANSWER = Set.of("ConnectionFailed", "RequestTimeout", "CertificateChanged");

  private ExitCodes() {}

  /** The exit code for a failure thrown by a command. */
  public static int of(Throwable t) {
    if (t instanceof EcsApiException e) {
      return NO_ANSWER.contains(e.code()) ? UNREACHABLE : API_ERROR;
    }
    if (t instanceof WaitTimeoutException) {
      return TIMEOUT;
    }
    return API_ERROR;
  }

  /** Prints the failure as {@code Error: <Code>: <Message> (RequestId ...)}; answers its code. */
  public static int report(Throwable t, PrintWriter err) {
    err.println("Error: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
    if (!(t instanceof EcsApiException) && !(t instanceof WaitTimeoutException)) {
      // A bug rather than an answer: keep the trace for the report.
      t.printStackTrace(err);
    }
    err.flush();
    return of(t);
  }
}
