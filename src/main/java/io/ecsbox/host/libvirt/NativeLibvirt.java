package io.ecsbox.host.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.lang.reflect.Field;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * The libvirt functions libvirt-java 0.5.3 does not bind ({@code virDomainBlockRebase},
 * {@code virDomainGetState}): JNA bindings of those alone, called with the pointer a
 * libvirt-java {@link Domain} holds (a package-private field, read by reflection).
 */
final class NativeLibvirt {
  /** The libvirt functions we bind ourselves. */
  interface Api extends Library {
    int virDomainBlockRebase(DomainPointer dom, String disk, String base, long bandwidth, int flags);

    int virDomainGetState(DomainPointer dom, IntByReference state, IntByReference reason, int flags);
  }

  /** {@code virDomainState} numbers. */
  static final int STATE_SHUTOFF = 5;
  static final int STATE_CRASHED = 6;

  private NativeLibvirt() {}

  // Loaded on first use only; JNA shares the already loaded libvirt.so with libvirt-java.
  private static final class Holder {
    static final Api API = Native.load("virt", Api.class);
    static final Field VDP = pointerField();
  }

  /**
   * Starts a block pull job on {@code target}: data above {@code base} (null: the whole chain)
   * is copied into the active layer, then {@code base} becomes its backing file. Returns at once.
   * Flags 0 = a block pull: no copy, no shallow/relative tricks.
   *
   * @throws HypervisorException when libvirt refuses; the code is libvirt's error number name
   */
  static void startPull(Domain d, String target, String base) {
    if (Holder.API.virDomainBlockRebase(pointer(d), target, base, 0L, 0) < 0) {
      throw lastError("block pull of " + target);
    }
  }

  /** The domain's state and the reason libvirt recorded for it, as {@code {state, reason}}. */
  static int[] state(Domain d) {
    IntByReference state = new IntByReference();
    IntByReference reason = new IntByReference();
    if (Holder.API.virDomainGetState(pointer(d), state, reason, 0) < 0) {
      throw lastError("state");
    }
    return new int[] {state.getValue(), reason.getValue()};
  }

  private static DomainPointer pointer(Domain d) {
    try {
      return (DomainPointer) Holder.VDP.get(d);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read libvirt-java's domain pointer", e);
    }
  }

  // The last error is per thread in libvirt; this thread made the failed call.
  private static HypervisorException lastError(String what) {
    virError raw = Libvirt.INSTANCE.virGetLastError();
    Error err = raw == null ? null : new Error(raw);
    String message = err == null || err.getMessage() == null ? "unknown libvirt error" : err.getMessage();
    return new HypervisorException(what + " failed: " + message,
        err == null || err.getCode() == null ? null : err.getCode().name(), null);
  }

  private static Field pointerField() {
    try {
      Field f = Domain.class.getDeclaredField("vdp");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("libvirt-java's Domain has no vdp field: another version?", e);
    }
  }
}
