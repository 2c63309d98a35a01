package io.ecsbox.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.agent.IoTune;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainXmlTest {
  static DomainSpec spec(String id, int vcpus, long mib, boolean kvm, String name, String type) {
    Path dir = Path.of("/var/lib/ecsbox/instances", id);
    return spec(id, vcpus, mib, kvm, name, type, List.of(system(id)));
  }

  static DomainSpec spec(String id, int vcpus, long mib, boolean kvm, String name, String type,
      List<DiskDevice> disks) {
    Path dir = Path.of("/var/lib/ecsbox/instances", id);
    return new DomainSpec(id, vcpus, mib, kvm, disks, dir.resolve("cidata.iso"),
        dir.resolve("console.log"), name, type);
  }

  static DiskDevice system(String id) {
    return new DiskDevice("vda", Path.of("/var/lib/ecsbox/instances", id, "system.qcow2"), id, null);
  }

  @Test
  void theVncServerIsOnAUnixSocketWithThePasswordWhenOneIsSet() {
    String id = "i-bp1golden0005";
    Path dir = Path.of("/var/lib/ecsbox/instances", id);
    DomainSpec spec = new DomainSpec(id, 1, 512, false, List.of(system(id)), dir.resolve("cidata.iso"),
        dir.resolve("console.log"), "n", "ecs.t5-lc2m1.nano", List.of(), "Ab12cd");
    assertTrue(DomainXml.render(spec).contains("    <graphics type='vnc' socket='" + dir
        + "/console/vnc.sock' passwd='Ab12cd'/>\n"), DomainXml.render(spec));
    assertFalse(DomainXml.render(spec(id, 1, 512, false, "n", "t")).contains("passwd"));
    assertFalse(DomainXml.render(spec(id, 1, 512, false, "n", "t")).contains("<listen"), "no TCP port");
    assertThrows(IllegalArgumentException.class, () -> DomainXml.graphicsXml(dir, "x' a='"));
  }

  @Test
  void rendersTcgDomainAsGolden() throws IOException {
    String xml = DomainXml.render(spec("i-bp1golden0001", 1, 512, false, "web-01", "ecs.t5-lc1m1.small"));
    assertEquals(golden("domain-tcg.xml"), xml);
  }

  @Test
  void rendersKvmDomainAsGolden() throws IOException {
    String xml = DomainXml.render(spec("i-bp1golden0002", 2, 8192, true, "db-01", "ecs.g5.large"));
    assertEquals(golden("domain-kvm.xml"), xml);
  }

  @Test
  void rendersDataDisksWithIoTuneAsGolden() throws IOException {
    String id = "i-bp1golden0003";
    List<DiskDevice> disks = List.of(
        new DiskDevice("vda", Path.of("/var/lib/ecsbox/instances", id, "system.qcow2"), "d-sys0003",
            new IoTune(2000, 0)),
        new DiskDevice("vdb", Path.of("/var/lib/ecsbox/disks/d-data0001/top-2.qcow2"), "d-data0001",
            new IoTune(5000, 140L * 1024 * 1024), 1L << 40),
        new DiskDevice("vdc", Path.of("/var/lib/ecsbox/disks/d-data0002/top-0.qcow2"), "d-data0002",
            IoTune.UNLIMITED, 20L << 30));
    String xml = DomainXml.render(spec(id, 2, 4096, false, "app-01", "ecs.g5.large", disks));
    assertEquals(golden("domain-disks.xml"), xml);
    assertEquals(Optional.of(Path.of("/var/lib/ecsbox/instances", id, "system.qcow2")),
        DomainXml.systemDisk(xml));
    Path drive = DomainXml.configDrive(xml).orElseThrow();
    assertTrue(xml.contains(DomainXml.configDriveXml(drive, 2)), "a media change uses the domain's own element");
    assertEquals(Optional.empty(), DomainXml.configDrive(xml.replace("<source file='" + drive + "'/>", "")),
        "an ejected drive has no file");
  }

  @Test
  void metadataCacheCoversTheWholeDiskWithinBounds() {
    assertEquals(0, new DiskDevice("vdb", Path.of("/t.qcow2"), "d-a", null).metadataCacheBytes(), "size unknown");
    assertEquals(1L << 20, new DiskDevice("vdb", Path.of("/t.qcow2"), "d-a", null, 1L << 30).metadataCacheBytes());
    // 20 GiB: 327,680 clusters of 64 KiB x 8 bytes = 2.5 MiB of L2 tables, + 1/4 for refcounts
    assertEquals(3_276_800, new DiskDevice("vdb", Path.of("/t.qcow2"), "d-a", null, 20L << 30).metadataCacheBytes());
    assertEquals(DiskDevice.MAX_METADATA_CACHE,
        new DiskDevice("vdb", Path.of("/t.qcow2"), "d-a", null, 32L << 40).metadataCacheBytes());
  }

  @Test
  void hotPlugFragmentIsTheDefinitionsDiskElement() {
    DiskDevice d = new DiskDevice("vdb", Path.of("/tmp/d.qcow2"), "d-x1", new IoTune(0, 1024));
    String fragment = DomainXml.diskXml(d, 0);
    assertTrue(fragment.startsWith("<disk type='file' device='disk'>\n"), fragment);
    assertTrue(fragment.contains("<iotune>\n    <total_bytes_sec>1024</total_bytes_sec>\n  </iotune>"),
        fragment);
    assertFalse(fragment.contains("total_iops_sec"), fragment);
    String xml = DomainXml.render(spec("i-frag1", 1, 256, false, "n", "t", List.of(system("i-frag1"), d)));
    assertTrue(xml.contains(DomainXml.diskXml(d, 2)), xml);
  }

  @Test
  void rejectsDuplicateDisksAndANonVdaSystemDisk() {
    DiskDevice a = new DiskDevice("vdb", Path.of("/tmp/a.qcow2"), "d-a", null);
    DiskDevice b = new DiskDevice("vdb", Path.of("/tmp/b.qcow2"), "d-b", null);
    DiskDevice sameSerial = new DiskDevice("vdc", Path.of("/tmp/c.qcow2"), "d-a", null);
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("i-dup1", 1, 256, false, "n", "t", List.of(system("i-dup1"), a, b))));
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("i-dup2", 1, 256, false, "n", "t", List.of(system("i-dup2"), a, sameSerial))));
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("i-dup3", 1, 256, false, "n", "t", List.of(a))));
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("i-dup4", 1, 256, false, "n", "t", List.of())));
  }

  @Test
  void escapesUserTextInTitleAndType() {
    String xml = DomainXml.render(spec("i-esc1", 1, 256, false, "a<b>&'c\"</title>", "ecs.<x>&"));
    assertTrue(xml.contains("<title>a&lt;b&gt;&amp;&apos;c&quot;&lt;/title&gt;</title>"), xml);
    assertTrue(xml.contains("<ecsbox:type>ecs.&lt;x&gt;&amp;</ecsbox:type>"), xml);
    assertEquals(1, xml.split("<title>", -1).length - 1);
    // The escaped document still parses and still reads as ours.
    assertEquals(Optional.of("i-esc1"), DomainXml.ownedInstanceId(xml));
  }

  @Test
  void keepsTitleOnOneLineAndDropsControlCharacters() {
    String xml = DomainXml.render(spec("i-esc2", 1, 256, false, "two\nlines\r\u0007bell", "t"));
    assertTrue(xml.contains("<title>two lines bell</title>"), xml);
  }

  @Test
  void escapesPathsInAttributes() {
    DomainSpec s = new DomainSpec("i-path1", 1, 256, false,
        List.of(new DiskDevice("vda", Path.of("/tmp/it's/disk.qcow2"), "i-path1", null)),
        Path.of("/tmp/a&b.iso"), Path.of("/tmp/c.log"), "n", "t");
    String xml = DomainXml.render(s);
    assertTrue(xml.contains("<source file='/tmp/it&apos;s/disk.qcow2'/>"), xml);
    assertTrue(xml.contains("<source file='/tmp/a&amp;b.iso'/>"), xml);
  }

  @Test
  void rejectsIdsThatAreNotInstanceIds() {
    DiskDevice disk = system("i-ok");
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("../etc", 1, 256, false, "n", "t", List.of(disk))));
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("i-a'b", 1, 256, false, "n", "t", List.of(disk))));
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("i-x", 0, 256, false, "n", "t")));
  }

  @Test
  void addsTheExistingUuidForRedefinition() {
    String xml = DomainXml.render(spec("i-uuid1", 1, 256, false, "n", "t"));
    String withUuid = DomainXml.withUuid(xml, "682E8A57-89C6-49DC-A9B9-E76E8424105F");
    assertTrue(withUuid.contains("  <name>i-uuid1</name>\n  <uuid>682e8a57-89c6-49dc-a9b9-e76e8424105f</uuid>\n"),
        withUuid);
    assertEquals(xml, withUuid.replace("  <uuid>682e8a57-89c6-49dc-a9b9-e76e8424105f</uuid>\n", ""));
    assertThrows(IllegalArgumentException.class, () -> DomainXml.withUuid(xml, "x'/><evil/>"));
  }

  @Test
  void detectsOwnershipFromOurRenderedXml() {
    String xml = DomainXml.render(spec("i-own1", 1, 256, false, "n", "t"));
    assertEquals(Optional.of("i-own1"), DomainXml.ownedInstanceId(xml));
  }

  @Test
  void detectsOwnershipWhateverPrefixLibvirtKeeps() {
    // libvirt re-serialises metadata with double quotes and its own layout.
    String xml = "<domain type='kvm'><name>i-own2</name><metadata>\n"
        + "  <e:instance xmlns:e=\"https://ecsbox.io/xmlns/instance/1\">\n"
        + "    <e:id>i-own2</e:id>\n  </e:instance>\n</metadata></domain>";
    assertEquals(Optional.of("i-own2"), DomainXml.ownedInstanceId(xml));
  }

  @Test
  void foreignDomainsAreNeverOurs() {
    assertFalse(DomainXml.ownedInstanceId("<domain type='test'><name>test</name></domain>").isPresent());
    // Our element name in another namespace, or outside <metadata>, does not count.
    assertFalse(DomainXml.ownedInstanceId("<domain><metadata><x:instance xmlns:x='urn:other'>"
        + "<x:id>i-abc</x:id></x:instance></metadata></domain>").isPresent());
    assertFalse(DomainXml.ownedInstanceId("<domain><description>https://ecsbox.io/xmlns/instance/1"
        + "</description><ecsbox:instance xmlns:ecsbox='https://ecsbox.io/xmlns/instance/1'>"
        + "<ecsbox:id>i-abc</ecsbox:id></ecsbox:instance></domain>").isPresent());
    // An id that is not an instance id, broken XML, or nothing at all.
    assertFalse(DomainXml.ownedInstanceId("<domain><metadata><ecsbox:instance "
        + "xmlns:ecsbox='https://ecsbox.io/xmlns/instance/1'><ecsbox:id>../x</ecsbox:id>"
        + "</ecsbox:instance></metadata></domain>").isPresent());
    assertFalse(DomainXml.ownedInstanceId("<domain>https://ecsbox.io/xmlns/instance/1").isPresent());
    assertFalse(DomainXml.ownedInstanceId(null).isPresent());
  }

  @Test
  void refusesDoctypes() {
    String xml = "<!DOCTYPE d [<!ENTITY x 'i-evil'>]><domain><metadata><ecsbox:instance "
        + "xmlns:ecsbox='https://ecsbox.io/xmlns/instance/1'><ecsbox:id>&x;</ecsbox:id>"
        + "</ecsbox:instance></metadata></domain>";
    assertFalse(DomainXml.ownedInstanceId(xml).isPresent());
  }

  @Test
  void theTranslationCacheFollowsTheTypesMemoryWithinItsBounds() {
    assertEquals(32, DomainXml.tbCacheMiB(512));
    assertEquals(64, DomainXml.tbCacheMiB(1024));
    assertEquals(256, DomainXml.tbCacheMiB(4096));
    assertEquals(256, DomainXml.tbCacheMiB(262144));
    String kvm = DomainXml.render(spec("i-bp1golden0004", 1, 512, true, "k", "ecs.t5-lc2m1.nano"));
    assertFalse(kvm.contains("<tcg>"), "KVM has no translation cache");
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = DomainXmlTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
