package io.ecsbox.host.libvirt;

import io.ecsbox.agent.IoTune;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Pure libvirt domain XML for an ecsbox instance: {@link #render} builds the definition
 * from a {@link DomainSpec}, {@link #ownedInstanceId} reads our ownership mark back out of
 * any domain's XML. No I/O; the output is tested as golden text.
 */
public final class DomainXml {
  /** XML namespace of the metadata element that marks a domain as ecsbox's. */
  public static final String NAMESPACE = "https://ecsbox.io/xmlns/instance/1";

  // Domain names reach the host (files, logs): only our id shape is allowed, never user text.
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[A-Za-z0-9-]{1,62}");

  private DomainXml() {}

  /**
   * Renders the persistent domain definition. User text (name, type) is escaped.
   *
   * @throws IllegalArgumentException when the id is not an instance id or sizes are not positive
   */
  public static String render(DomainSpec spec) {
    validate(spec);
    String id = spec.instanceId();
    StringBuilder x = new StringBuilder(2048);
    x.append("<domain type='").append(spec.kvm() ? "kvm" : "qemu").append("'>\n");
    line(x, 1, "<name>" + id + "</name>");
    line(x, 1, "<title>" + escape(oneLine(spec.instanceName())) + "</title>");
    line(x, 1, "<metadata>");
    line(x, 2, "<ecsbox:instance xmlns:ecsbox='" + NAMESPACE + "'>");
    line(x, 3, "<ecsbox:id>" + id + "</ecsbox:id>");
    line(x, 3, "<ecsbox:type>" + escape(spec.instanceType()) + "</ecsbox:type>");
    line(x, 2, "</ecsbox:instance>");
    line(x, 1, "</metadata>");
    line(x, 1, "<memory unit='MiB'>" + spec.memoryMiB() + "</memory>");
    line(x, 1, "<vcpu>" + spec.vcpus() + "</vcpu>");
    line(x, 1, "<sysinfo type='smbios'>");
    line(x, 2, "<system>");
    line(x, 3, "<entry name='manufacturer'>Alibaba Cloud</entry>");
    line(x, 3, "<entry name='product'>Alibaba Cloud ECS</entry>");
    line(x, 3, "<entry name='serial'>" + id + "</entry>");
    line(x, 2, "</system>");
    line(x, 1, "</sysinfo>");
    line(x, 1, "<os>");
    line(x, 2, "<type arch='x86_64' machine='pc'>hvm</type>");
    line(x, 2, "<boot dev='hd'/>");
    line(x, 2, "<smbios mode='sysinfo'/>");
    // SeaBIOS and the boot loader then show up in the console log.
    line(x, 2, "<bios useserial='yes'/>");
    line(x, 1, "</os>");
    line(x, 1, "<features>");
    line(x, 2, "<acpi/>");
    if (!spec.kvm()) {
      // QEMU reserves 1 GiB for translated code and a guest's QEMU keeps what it touched:
      // about 40 MB of a tiny guest's RSS. 32 MiB costs a tiny guest no boot time (16 MiB
      // costs 0.8 s, 8 MiB doubles it); bigger types run bigger programs and get more.
      line(x, 2, "<tcg>");
      line(x, 3, "<tb-cache unit='MiB'>" + tbCacheMiB(spec.memoryMiB()) + "</tb-cache>");
      line(x, 2, "</tcg>");
    }
    line(x, 1, "</features>");
    if (spec.kvm()) {
      // Nested KVM (e.g. on EPYC cloud VMs) passes arch-capabilities through but refuses its
      // MSR, and QEMU aborts at start; without it the guest only assumes more CPU bugs.
      line(x, 1, "<cpu mode='host-passthrough'>");
      line(x, 2, "<feature policy='disable' name='arch-capabilities'/>");
      line(x, 1, "</cpu>");
    }
    line(x, 1, "<clock offset='utc'/>");
    line(x, 1, "<on_poweroff>destroy</on_poweroff>");
    line(x, 1, "<on_reboot>restart</on_reboot>");
    line(x, 1, "<on_crash>destroy</on_crash>");
    line(x, 1, "<devices>");
    devices(x, spec);
    line(x, 1, "</devices>");
    x.append("</domain>\n");
    return x.toString();
  }

  private static void devices(StringBuilder x, DomainSpec spec) {
    for (DiskDevice disk : spec.disks()) {
      x.append(diskXml(disk, 2));
    }
    // The config drive sits on SCSI so virtio data disks keep the names vdb, vdc, ...
    line(x, 2, "<controller type='scsi' index='0' model='virtio-scsi'/>");
    x.append(configDriveXml(spec.configDrive(), 2));
    for (NicDevice nic : spec.nics()) {
      x.append(interfaceXml(nic, 2));
    }
    // The serial port on a unix socket that the console proxy connects to (one client at a time;
    // QEMU does not wait for it), still logged to the file everything reads ECSBOX-READY from.
    line(x, 2, "<serial type='unix'>");
    line(x, 3, "<source mode='bind' path='" + escape(spec.serialSocket().toString()) + "'/>");
    line(x, 3, "<log file='" + escape(spec.consoleLog().toString()) + "' append='off'/>");
    line(x, 3, "<target port='0'/>");
    line(x, 2, "</serial>");
    line(x, 2, "<console type='unix'>");
    line(x, 3, "<source mode='bind' path='" + escape(spec.serialSocket().toString()) + "'/>");
    line(x, 3, "<target type='serial' port='0'/>");
    line(x, 2, "</console>");
    // VNC on a unix socket in the instance's directory: no TCP port on the host; the daemon's
    // console proxy is its only client.
    x.append(graphicsXml(spec.vncSocket(), spec.vncPassword()));
    line(x, 2, "<video>");
    line(x, 3, "<model type='vga' vram='" + VGA_VRAM_KIB + "' heads='1' primary='yes'/>");
    line(x, 2, "</video>");
    // No USB device is ever attached: no controller (libvirt adds one to 'pc' otherwise).
    line(x, 2, "<controller type='usb' model='none'/>");
    // The balloon never inflates: it reports pages the guest freed, which the host then
    // frees (about 30 MB of a tiny guest's boot), and the guest's memory statistics.
    line(x, 2, "<memballoon model='virtio' freePageReporting='on'>");
    line(x, 3, "<stats period='" + BALLOON_STATS_SECONDS + "'/>");
    line(x, 2, "</memballoon>");
  }

  /**
   * The VNC server on {@code socket}, with {@code password} (null: none; letters and digits only)
   * indented two levels: the domain XML and a live update use the same text.
   */
  public static String graphicsXml(java.nio.file.Path socket, String password) {
    if (password != null && !password.matches("[A-Za-z0-9]{1,8}")) {
      throw new IllegalArgumentException("a VNC password is 1-8 letters and digits");
    }
    return "    <graphics type='vnc' socket='" + escape(socket.toString()) + "'"
        + (password == null ? "" : " passwd='" + password + "'") + "/>\n";
  }

  /** Video memory of the VGA adapter the VNC console shows: enough for 1024x768 at 32 bits. */
  static final int VGA_VRAM_KIB = 4096;

  /** How often the guest's balloon driver refreshes its memory statistics. */
  public static final int BALLOON_STATS_SECONDS = 10;

  /** The TCG translation cache of a guest of {@code memoryMiB}: 1/16 of it, 32 to 256 MiB. */
  static long tbCacheMiB(long memoryMiB) {
    return Math.max(32, Math.min(256, memoryMiB / 16));
  }

  /**
   * One virtio NIC as an {@code <interface>} element indented by {@code depth} levels: a tap of
   * our name in the vSwitch's bridge. The domain XML and a hot-plug use the same text.
   */
  public static String interfaceXml(NicDevice nic, int depth) {
    StringBuilder x = new StringBuilder();
    line(x, depth, "<interface type='bridge'>");
    line(x, depth + 1, "<mac address='" + nic.mac() + "'/>");
    line(x, depth + 1, "<source bridge='" + escape(nic.bridge()) + "'/>");
    line(x, depth + 1, "<target dev='" + escape(nic.tap()) + "'/>");
    line(x, depth + 1, "<model type='virtio'/>");
    line(x, depth, "</interface>");
    return x.toString();
  }

  /**
   * One virtio disk as a {@code <disk>} element indented by {@code depth} levels: the same text
   * in a definition and as the device XML for a hot-plug. {@code cache='none'} (O_DIRECT, so
   * the file system must support it: ext4 and xfs do, tmpfs before Linux 6.6 does not) keeps
   * the host page cache out of the guest's I/O and its limits honest; guest flushes still
   * reach the disk.
   */
  public static String diskXml(DiskDevice disk, int depth) {
    StringBuilder x = new StringBuilder(512);
    line(x, depth, "<disk type='file' device='disk'>");
    long cache = disk.metadataCacheBytes();
    if (cache > 0) { // sized for the disk, so a big disk's L2 tables stay in memory
      line(x, depth + 1, "<driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'>");
      line(x, depth + 2, "<metadata_cache>");
      line(x, depth + 3, "<max_size unit='bytes'>" + cache + "</max_size>");
      line(x, depth + 2, "</metadata_cache>");
      line(x, depth + 1, "</driver>");
    } else {
      line(x, depth + 1, "<driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>");
    }
    line(x, depth + 1, "<source file='" + escape(disk.file().toString()) + "'/>");
    line(x, depth + 1, "<target dev='" + disk.target() + "' bus='virtio'/>");
    IoTune io = disk.ioTune();
    if (io.totalIopsSec() > 0 || io.totalBytesSec() > 0) {
      line(x, depth + 1, "<iotune>");
      if (io.totalBytesSec() > 0) {
        line(x, depth + 2, "<total_bytes_sec>" + io.totalBytesSec() + "</total_bytes_sec>");
      }
      if (io.totalIopsSec() > 0) {
        line(x, depth + 2, "<total_iops_sec>" + io.totalIopsSec() + "</total_iops_sec>");
      }
      line(x, depth + 1, "</iotune>");
    }
    line(x, depth + 1, "<serial>" + escape(disk.serial()) + "</serial>");
    line(x, depth, "</disk>");
    return x.toString();
  }

  /**
   * The rendered XML with a {@code <uuid>} after the name: libvirt refuses to redefine a
   * domain under a new uuid, so a redefinition must carry the existing one.
   *
   * @throws IllegalArgumentException when uuid is not a UUID or the XML has no name element
   */
  public static String withUuid(String renderedXml, String uuid) {
    String canonical = UUID.fromString(uuid).toString();
    int at = renderedXml.indexOf("</name>\n");
    if (at < 0 || renderedXml.contains("<uuid>")) {
      throw new IllegalArgumentException("not a freshly rendered domain XML");
    }
    at += "</name>\n".length();
    return renderedXml.substring(0, at) + "  <uuid>" + canonical + "</uuid>\n" + renderedXml.substring(at);
  }

  /**
   * The instance id in our metadata element, if this domain XML carries one. Domains
   * without it (or with unparsable XML) are never ecsbox's.
   */
  public static Optional<String> ownedInstanceId(String domainXml) {
    if (domainXml == null || !domainXml.contains(NAMESPACE)) {
      return Optional.empty();
    }
    return Xml.parse(domainXml)
        .flatMap(root -> Xml.child(root, null, "metadata"))
        .flatMap(metadata -> Xml.child(metadata, NAMESPACE, "instance"))
        .flatMap(instance -> Xml.child(instance, NAMESPACE, "id"))
        .map(id -> id.getTextContent().strip())
        .filter(id -> INSTANCE_ID.matcher(id).matches());
  }

  /**
   * The file of the domain's first {@code device='disk'} disk (its system disk), if any: the
   * renderer puts the system disk first, and libvirt keeps that order.
   */
  public static Optional<java.nio.file.Path> systemDisk(String domainXml) {
    return firstFile(domainXml, "disk");
  }

  // The source file of the first <disk> of this device kind (disk, cdrom).
  private static Optional<java.nio.file.Path> firstFile(String domainXml, String device) {
    return Xml.parse(domainXml)
        .flatMap(root -> Xml.child(root, null, "devices"))
        .flatMap(devices -> Xml.children(devices, null, "disk").stream()
            .filter(d -> device.equals(d.getAttribute("device")))
            .findFirst())
        .flatMap(disk -> Xml.child(disk, null, "source"))
        .map(src -> src.getAttribute("file"))
        .filter(f -> !f.isEmpty())
        .map(java.nio.file.Path::of);
  }

  /**
   * The config drive as a {@code <disk device='cdrom'>} element indented by {@code depth}
   * levels; the domain XML and a change of its media use the same text.
   */
  public static String configDriveXml(java.nio.file.Path iso, int depth) {
    StringBuilder x = new StringBuilder();
    line(x, depth, "<disk type='file' device='cdrom'>");
    line(x, depth + 1, "<driver name='qemu' type='raw'/>");
    line(x, depth + 1, "<source file='" + escape(iso.toString()) + "'/>");
    line(x, depth + 1, "<target dev='sda' bus='scsi'/>");
    line(x, depth + 1, "<readonly/>");
    line(x, depth, "</disk>");
    return x.toString();
  }

  /** The file in the domain's config drive (its cdrom); empty when it has none or no media. */
  public static Optional<java.nio.file.Path> configDrive(String domainXml) {
    return firstFile(domainXml, "cdrom");
  }

  /** Escapes text for XML element content and single- or double-quoted attributes. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\'' -> b.append("&apos;");
        case '"' -> b.append("&quot;");
        // XML 1.0 forbids most control characters; drop them rather than fail the define.
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  // libvirt rejects a <title> that contains a newline.
  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
  }

  private static void validate(DomainSpec spec) {
    if (spec.instanceId() == null || !INSTANCE_ID.matcher(spec.instanceId()).matches()) {
      throw new IllegalArgumentException("instanceId is not an instance id: " + spec.instanceId());
    }
    if (spec.vcpus() < 1 || spec.memoryMiB() < 1) {
      throw new IllegalArgumentException("vcpus and memoryMiB must be positive for " + spec.instanceId());
    }
    if (spec.systemDisk() == null || spec.configDrive() == null || spec.consoleLog() == null) {
      throw new IllegalArgumentException("systemDisk, configDrive and consoleLog are required for "
          + spec.instanceId());
    }
    if (spec.instanceType() == null) {
      throw new IllegalArgumentException("instanceType is required for " + spec.instanceId());
    }
    if (!"vda".equals(spec.disks().get(0).target())) {
      throw new IllegalArgumentException("the system disk of " + spec.instanceId() + " must be vda");
    }
    java.util.Set<String> targets = new java.util.HashSet<>();
    java.util.Set<String> serials = new java.util.HashSet<>();
    for (DiskDevice d : spec.disks()) {
      if (!targets.add(d.target()) || !serials.add(d.serial())) {
        throw new IllegalArgumentException("disks of " + spec.instanceId()
            + " repeat a target or serial: " + d.target() + " " + d.serial());
      }
    }
  }

  private static void line(StringBuilder x, int depth, String text) {
    x.append("  ".repeat(depth)).append(text).append('\n');
  }
}
