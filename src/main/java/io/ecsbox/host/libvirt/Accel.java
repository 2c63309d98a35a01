package io.ecsbox.host.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses KVM or TCG for this host: {@code ECSBOX_ACCEL}, else {@code /etc/ecsbox/accel} as {@code host-setup/probe-kvm.sh} wrote
 * it after booting a guest under KVM, else KVM whenever libvirt offers it.
 */
public final class Accel {
  public static final Path PROBED = Path.of("/etc/ecsbox/accel");

  private Accel() {}

  /** True for KVM, decided as the daemon does on this host (ECSBOX_ACCEL from the environment). */
  public static boolean decide(String libvirtUri) {
    return decide(libvirtUri, System.getenv("ECSBOX_ACCEL"), PROBED);
  }

  /**
   * True for KVM.
   *
   * @param choice auto, kvm or tcg (ECSBOX_ACCEL); null or blank: what {@code probed} says, else auto
   */
  public static boolean decide(String libvirtUri, String choice, Path probed) {
    choice = choice == null ? "" : choice.strip();
    String source = "ECSBOX_ACCEL";
    if (choice.isBlank() && Files.isReadable(probed)) {
      try {
        choice = Files.readString(probed).strip();
        source = probed.toString();
      } catch (IOException e) {
        choice = "";
      }
    }
    boolean available = LibvirtHypervisor.detectKvm(libvirtUri);
    return switch (choice.isBlank() ? "auto" : choice.toLowerCase()) {
      case "auto" -> available;
      case "tcg" -> false;
      case "kvm" -> {
        if (!available) {
          throw new IllegalStateException(source + " asks for KVM but libvirt at " + libvirtUri
              + " offers none; fix /dev/kvm or set ECSBOX_ACCEL=tcg");
        }
        yield true;
      }
      default -> throw new IllegalStateException(source + " must be auto, kvm or tcg, not '" + choice + "'");
    };
  }
}
