package io.ecsbox.host.libvirt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Pure reading and writing of the disk parts of libvirt XML: the disks a domain XML lists
 * (with the backing chain libvirt reports for a running domain), the {@code <domainsnapshot>}
 * of a one-disk external snapshot, and the fragment that detaches a disk. No I/O.
 */
final class DiskXml {
  private DiskXml() {}

  /**
   * One {@code <disk>} of a domain XML.
   *
   * @param device {@code disk} or {@code cdrom}
   * @param target the target dev, e.g. {@code vdb}
   * @param serial the {@code <serial>}, or null
   * @param file the active (top) file, or null (a CD-ROM without media)
   * @param backing the files below {@code file}, top-down, as far as the XML lists them (the live
   *     XML of a running domain lists the whole chain; a definition may list none)
   */
  record AttachedDisk(String device, String target, String serial, Path file, List<Path> backing) {
    /** The active file followed by its backing files. */
    List<Path> chain() {
      List<Path> all = new ArrayList<>();
      all.add(file);
      all.addAll(backing);
      return all;
    }
  }

  /** Every {@code <disk>} of the domain XML in document order; empty when it does not parse. */
  static List<AttachedDisk> disks(String domainXml) {
    List<AttachedDisk> out = new ArrayList<>();
    Optional<Element> devices = Xml.parse(domainXml).flatMap(root -> Xml.child(root, null, "devices"));
    if (devices.isEmpty()) {
      return out;
    }
    for (Element disk : Xml.children(devices.get(), null, "disk")) {
      String target = Xml.child(disk, null, "target").map(t -> t.getAttribute("dev")).orElse("");
      String serial = Xml.child(disk, null, "serial").map(s -> s.getTextContent().strip()).orElse(null);
      List<Path> backing = new ArrayList<>();
      for (Element b = Xml.child(disk, null, "backingStore").orElse(null); b != null;
          b = Xml.child(b, null, "backingStore").orElse(null)) {
        sourceFile(b).ifPresent(backing::add); // an empty <backingStore/> ends the chain
      }
      out.add(new AttachedDisk(disk.getAttribute("device"), target, serial,
          sourceFile(disk).orElse(null), List.copyOf(backing)));
    }
    return out;
  }

  /** The {@code device='disk'} disk with this serial, if the domain XML has one. */
  static Optional<AttachedDisk> bySerial(String domainXml, String serial) {
    return disks(domainXml).stream()
        .filter(d -> "disk".equals(d.device()) && serial.equals(d.serial()))
        .findFirst();
  }

  /**
   * A disk-only {@code <domainsnapshot>} that gives {@code target} the existing qcow2
   * {@code newTop} as its new active layer and leaves every other disk alone: each disk of the
   * domain is listed, because libvirt would otherwise snapshot unlisted disks too.
   */
  static String snapshotXml(List<AttachedDisk> all, String target, Path newTop) {
    StringBuilder x = new StringBuilder(256).append("<domainsnapshot>\n  <disks>\n");
    for (AttachedDisk d : all) {
      if (d.target().equals(target)) {
        x.append("    <disk name='").append(DomainXml.escape(target)).append("' snapshot='external'>\n")
            .append("      <driver type='qcow2'/>\n")
            .append("      <source file='").append(DomainXml.escape(newTop.toString())).append("'/>\n")
            .append("    </disk>\n");
      } else {
        x.append("    <disk name='").append(DomainXml.escape(d.target())).append("' snapshot='no'/>\n");
      }
    }
    return x.append("  </disks>\n</domainsnapshot>\n").toString();
  }

  /** The device XML that detaches this disk: libvirt finds a disk to detach by its target. */
  static String detachXml(AttachedDisk d) {
    StringBuilder x = new StringBuilder(256).append("<disk type='file' device='disk'>\n");
    if (d.file() != null) {
      x.append("  <source file='").append(DomainXml.escape(d.file().toString())).append("'/>\n");
    }
    x.append("  <target dev='").append(DomainXml.escape(d.target())).append("' bus='virtio'/>\n");
    if (d.serial() != null) {
      x.append("  <serial>").append(DomainXml.escape(d.serial())).append("</serial>\n");
    }
    return x.append("</disk>\n").toString();
  }

  private static Optional<Path> sourceFile(Element parent) {
    return Xml.child(parent, null, "source")
        .map(s -> s.getAttribute("file"))
        .filter(f -> !f.isEmpty())
        .map(Path::of);
  }
}
