package io.ecsbox.host.libvirt;

/**
 * A libvirt operation failed for a reason the {@link io.ecsbox.host.libvirt.Hypervisor}
 * contract does not absorb. The message names the operation, the domain and libvirt's
 * own message; {@link #libvirtCode()} is libvirt's error number name (e.g.
 * {@code VIR_ERR_OPERATION_FAILED}), or {@code null} when the failure is ours.
 */
public class HypervisorException extends RuntimeException {
  private final String libvirtCode;

  public HypervisorException(String message) {
    this(message, null, null);
  }

  public HypervisorException(String message, String libvirtCode, Throwable cause) {
    super(message, cause);
    this.libvirtCode = libvirtCode;
  }

  public String libvirtCode() {
    return libvirtCode;
  }
}
