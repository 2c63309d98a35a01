package io.ecsbox.host.libvirt;

import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;

/** Classifies {@link LibvirtException}s and translates them at the adapter's edge. */
final class LibvirtErrors {
  // Kept referenced: libvirt calls it through JNA for as long as the process lives.
  private static final ErrorCallback SILENT = new ErrorCallback();
  private static volatile boolean silenced;

  private LibvirtErrors() {}

  /**
   * Stops libvirt's default handler from printing every error to stderr; we translate and
   * log them ourselves. Process-wide and idempotent; call before opening a connection.
   */
  static void silenceStderr() {
    if (!silenced) {
      synchronized (LibvirtErrors.class) {
        try {
          Connect.setErrorCallback(SILENT);
          silenced = true;
        } catch (LibvirtException e) {
          // Only noise is at stake; keep going with libvirt's default handler.
        }
      }
    }
  }

  static ErrorNumber code(LibvirtException e) {
    Error err = e.getError();
    return err == null ? null : err.getCode();
  }

  static boolean isNoDomain(LibvirtException e) {
    return code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN;
  }

  /** "Requested operation is not valid: domain is not running" (lost a race with a stop). */
  static boolean isNotRunning(LibvirtException e) {
    return code(e) == ErrorNumber.VIR_ERR_OPERATION_INVALID && message(e).contains("is not running");
  }

  /** "Requested operation is not valid: domain is already running" (lost a race with a start). */
  static boolean isAlreadyRunning(LibvirtException e) {
    return code(e) == ErrorNumber.VIR_ERR_OPERATION_INVALID && message(e).contains("already running");
  }

  static String message(LibvirtException e) {
    Error err = e.getError();
    String m = err == null ? null : err.getMessage();
    return m == null ? String.valueOf(e.getMessage()) : m;
  }

  static HypervisorException translate(String what, LibvirtException e) {
    ErrorNumber code = code(e);
    return new HypervisorException(
        what + " failed: " + message(e), code == null ? null : code.name(), e);
  }
}
