package io.ecsbox.compute.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.compute.DomainSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainXmlTest {
  static DomainSpec spec(String id, int vcpus, long mib, boolean kvm, String name, String type) {
    Path dir = Path.of("/var/lib/ecsbox/instances", id);
    return new DomainSpec(id, vcpus, mib, kvm, dir.resolve("system.qcow2"),
        dir.resolve("cidata.iso"), dir.resolve("console.log"), name, type);
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
    DomainSpec s = new DomainSpec("i-path1", 1, 256, false, Path.of("/tmp/it's/disk.qcow2"),
        Path.of("/tmp/a&b.iso"), Path.of("/tmp/c.log"), "n", "t");
    String xml = DomainXml.render(s);
    assertTrue(xml.contains("<source file='/tmp/it&apos;s/disk.qcow2'/>"), xml);
    assertTrue(xml.contains("<source file='/tmp/a&amp;b.iso'/>"), xml);
  }

  @Test
  void rejectsIdsThatAreNotInstanceIds() {
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("../etc", 1, 256, false, "n", "t")));
    assertThrows(IllegalArgumentException.class,
        () -> DomainXml.render(spec("i-a'b", 1, 256, false, "n", "t")));
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

  private static String golden(String name) throws IOException {
    try (InputStream in = DomainXmlTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
