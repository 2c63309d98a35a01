package io.ecsbox.host.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Chooses KVM or TCG for this host: {@code ECSBOX_ACCEL} (or the {@code ecsbox.accel}
 * system property), else {@code /etc/ecsbox/accel} as {@code host-setup/probe-kvm.sh} wrote
 * it after booting a guest under KVM, else KVM whenever libvirt offers it.
 */
public final class Accel {
  public static final Path PROBED = Path.of("/etc/ecsbox/accel");

  private Accel() {}

  /** True for KVM, decided as the daemon does on this host. */
  public static boolean decide(String libvirtUri) {
    return decide(libvirtUri, System.getenv(), PROBED);
  }

  /** True for KVM. */
  public static boolean decide(String libvirtUri, Map<String, String> env, Path probed) {
    String choice = System.getProperty("ecsbox.accel", env.getOrDefault("ECSBOX_ACCEL", ""));
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
