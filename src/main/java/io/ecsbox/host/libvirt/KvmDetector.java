package io.ecsbox.host.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether domains on a host can run under KVM: the device node must be usable by
 * us and libvirt must offer a {@code kvm} domain type for x86_64 guests. Opens (and closes)
 * its own libvirt connection; any failure means "no KVM", never an exception.
 */
final class KvmDetector {
  private static final Logger log = LoggerFactory.getLogger(KvmDetector.class);

  private KvmDetector() {}

  static boolean detect(String uri, Path devKvm) {
    if (!Files.exists(devKvm) || !Files.isReadable(devKvm) || !Files.isWritable(devKvm)) {
      log.info("{} is missing or not read-writable: domains run under TCG", devKvm);
      return false;
    }
    Connect c = null;
    LibvirtErrors.silenceStderr();
    try {
      c = new Connect(uri);
      // libvirt-java 0.5.3 lacks getDomainCapabilities; host capabilities list the same
      // kvm domain type, and only when the qemu driver found KVM usable.
      boolean kvm = capabilitiesOfferKvm(c.getCapabilities());
      log.info("libvirt at {} {} KVM for x86_64", uri, kvm ? "offers" : "does not offer");
      return kvm;
    } catch (LibvirtException e) {
      log.info("cannot read capabilities of {} ({}): domains run under TCG", uri,
          LibvirtErrors.message(e));
      return false;
    } finally {
      closeQuietly(c);
    }
  }

  /** True when a capabilities document offers a kvm domain for an x86_64 hvm guest. */
  static boolean capabilitiesOfferKvm(String capabilitiesXml) {
    return Xml.parse(capabilitiesXml).stream()
        .flatMap(root -> Xml.children(root, null, "guest").stream())
        .filter(guest -> Xml.child(guest, null, "os_type")
            .map(os -> "hvm".equals(os.getTextContent().strip())).orElse(false))
        .flatMap(guest -> Xml.children(guest, null, "arch").stream())
        .filter(arch -> "x86_64".equals(arch.getAttribute("name")))
        .flatMap(arch -> Xml.children(arch, null, "domain").stream())
        .map(domain -> domain.getAttribute("type"))
        .anyMatch("kvm"::equals);
  }

  private static void closeQuietly(Connect c) {
    if (c != null) {
      try {
        c.close();
      } catch (LibvirtException e) {
        log.debug("closing probe connection failed: {}", LibvirtErrors.message(e));
      }
    }
  }
}
