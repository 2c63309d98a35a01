package io.ecsbox.host.libvirt;

import static io.ecsbox.host.libvirt.LibvirtDisks.AFFECT_CONFIG;
import static io.ecsbox.host.libvirt.LibvirtDisks.AFFECT_LIVE;
import static io.ecsbox.host.libvirt.LibvirtDisks.XML_INACTIVE;

import java.time.Duration;
import java.util.Optional;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/**
 * NIC hot-plug on owned domains for {@link LibvirtHypervisor}: the interface is added to (or
 * removed from) the running guest and the domain's config, each idempotent, found by MAC.
 */
final class LibvirtNics {
  private final LibvirtHypervisor hv;

  LibvirtNics(LibvirtHypervisor hv) {
    this.hv = hv;
  }

  void attach(String id, NicDevice nic) {
    String fragment = DomainXml.interfaceXml(nic, 0);
    hv.onDomain("attaching NIC " + nic.mac() + " to", id, () -> {
      throw LibvirtHypervisor.missing("attaching a NIC to", id);
    }, (d, xml) -> {
      boolean running = d.isActive() == 1;
      if (running && byMac(xml, nic.mac()).isEmpty()) {
        d.attachDeviceFlags(fragment, AFFECT_LIVE);
      }
      String inactive = running ? d.getXMLDesc(XML_INACTIVE) : xml;
      if (byMac(inactive, nic.mac()).isEmpty()) {
        d.attachDeviceFlags(fragment, AFFECT_CONFIG);
      }
      return null;
    });
  }

  void detach(String id, String mac, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean requested = hv.onDomain("detaching NIC " + mac + " from", id, () -> false, (d, xml) -> {
      Optional<String> live = d.isActive() == 1 ? byMac(xml, mac) : Optional.empty();
      if (live.isEmpty()) {
        return false;
      }
      try {
        d.detachDeviceFlags(live.get(), AFFECT_LIVE);
      } catch (LibvirtException e) {
        if (!LibvirtErrors.isNotRunning(e) && !LibvirtErrors.message(e).contains("in the process of unplug")) {
          throw e;
        }
      }
      return true;
    });
    while (requested && liveHas(id, mac)) {
      if (System.nanoTime() - deadline > 0) {
        throw new HypervisorException("the guest of " + id + " did not release NIC " + mac + " within "
            + timeout.toMillis() + " ms; it stays attached", "VIR_ERR_OPERATION_TIMEOUT", null);
      }
      LibvirtDisks.pause();
    }
    hv.onDomain("detaching NIC " + mac + " from", id, () -> null, (d, xml) -> {
      Optional<String> config = byMac(d.getXMLDesc(XML_INACTIVE), mac);
      if (config.isPresent()) {
        d.detachDeviceFlags(config.get(), AFFECT_CONFIG);
      }
      return null;
    });
  }

  private boolean liveHas(String id, String mac) {
    return hv.onDomain("reading NICs of", id, () -> false, (d, xml) -> d.isActive() == 1 && byMac(xml, mac).isPresent());
  }

  /** The {@code <interface>} element with this MAC, as a fragment libvirt accepts for detach. */
  static Optional<String> byMac(String domainXml, String mac) {
    return Xml.parse(domainXml)
        .flatMap(root -> Xml.child(root, null, "devices"))
        .flatMap(devices -> Xml.children(devices, null, "interface").stream()
            .filter(i -> Xml.child(i, null, "mac").map(m -> m.getAttribute("address"))
                .filter(mac::equalsIgnoreCase).isPresent())
            .findFirst())
        .map(LibvirtNics::fragment);
  }

  // libvirt matches a detach by MAC but validates the fragment: a bridge interface needs its source
  private static String fragment(Element iface) {
    String type = iface.getAttribute("type");
    String mac = Xml.child(iface, null, "mac").map(m -> m.getAttribute("address")).orElse("");
    String bridge = Xml.child(iface, null, "source").map(s -> s.getAttribute("bridge")).orElse("");
    return "<interface type='" + DomainXml.escape(type) + "'><mac address='" + DomainXml.escape(mac) + "'/>"
        + (bridge.isEmpty() ? "" : "<source bridge='" + DomainXml.escape(bridge) + "'/>") + "</interface>";
  }
}
