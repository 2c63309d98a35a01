package io.ecsbox.host.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.reflect.Field;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * {@code virDomainBlockRebase}, which libvirt-java 0.5.3 does not bind: a JNA binding of that
 * one function, called with the pointer a libvirt-java {@link Domain} holds (a package-private
 * field, read by reflection). Flags 0 = a block pull: no copy, no shallow/relative tricks.
 */
final class BlockRebase {
  /** The one libvirt function we bind ourselves. */
  interface Api extends Library {
    int virDomainBlockRebase(DomainPointer dom, String disk, String base, long bandwidth, int flags);
  }

  private BlockRebase() {}

  // Loaded on first use only; JNA shares the already loaded libvirt.so with libvirt-java.
  private static final class Holder {
    static final Api API = Native.load("virt", Api.class);
    static final Field VDP = pointerField();
  }

  /**
   * Starts a block pull job on {@code target}: data above {@code base} (null: the whole chain)
   * is copied into the active layer, then {@code base} becomes its backing file. Returns at once.
   *
   * @throws HypervisorException when libvirt refuses; the code is libvirt's error number name
   */
  static void startPull(Domain d, String target, String base) {
    DomainPointer ptr;
    try {
      ptr = (DomainPointer) Holder.VDP.get(d);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read libvirt-java's domain pointer", e);
    }
    if (Holder.API.virDomainBlockRebase(ptr, target, base, 0L, 0) < 0) {
      // The last error is per thread in libvirt; this thread made the failed call.
      virError raw = Libvirt.INSTANCE.virGetLastError();
      Error err = raw == null ? null : new Error(raw);
      String message = err == null || err.getMessage() == null ? "unknown libvirt error" : err.getMessage();
      throw new HypervisorException("block pull of " + target + " failed: " + message,
          err == null || err.getCode() == null ? null : err.getCode().name(), null);
    }
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
