package io.ecsbox.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.libvirt.DiskXml.AttachedDisk;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiskXmlTest {
  // Trimmed from `virsh dumpxml` of a running tiny guest after a hot-plug and a snapshot.
  static final String LIVE = """
      <domain type='qemu' id='7'>
        <name>i-live1</name>
        <devices>
          <disk type='file' device='disk'>
            <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>
            <source file='/d/sys.qcow2' index='2'/>
            <backingStore type='file' index='3'>
              <format type='qcow2'/>
              <source file='/img/tiny.qcow2'/>
              <backingStore/>
            </backingStore>
            <target dev='vda' bus='virtio'/>
            <serial>i-live1</serial>
          </disk>
          <disk type='file' device='disk'>
            <source file='/d/l2.qcow2' index='6'/>
            <backingStore type='file' index='5'>
              <format type='qcow2'/>
              <source file='/d/l1.qcow2'/>
              <backingStore type='file' index='4'>
                <format type='qcow2'/>
                <source file='/d/data.qcow2'/>
                <backingStore/>
              </backingStore>
            </backingStore>
            <target dev='vdb' bus='virtio'/>
            <iotune><total_iops_sec>1000</total_iops_sec></iotune>
            <serial>d-data1</serial>
          </disk>
          <disk type='file' device='cdrom'>
            <source file='/d/cidata.iso' index='1'/>
            <backingStore/>
            <target dev='sda' bus='scsi'/>
            <readonly/>
          </disk>
        </devices>
      </domain>
      """;

  @Test
  void readsDisksWithTheirBackingChains() {
    List<AttachedDisk> disks = DiskXml.disks(LIVE);
    assertEquals(3, disks.size());
    assertEquals(new AttachedDisk("disk", "vda", "i-live1", Path.of("/d/sys.qcow2"),
        List.of(Path.of("/img/tiny.qcow2"))), disks.get(0));
    assertEquals(List.of(Path.of("/d/l2.qcow2"), Path.of("/d/l1.qcow2"), Path.of("/d/data.qcow2")),
        disks.get(1).chain());
    assertEquals(new AttachedDisk("cdrom", "sda", null, Path.of("/d/cidata.iso"), List.of()), disks.get(2));
  }

  @Test
  void findsDisksBySerialOnly() {
    assertEquals("vdb", DiskXml.bySerial(LIVE, "d-data1").orElseThrow().target());
    assertEquals(Optional.empty(), DiskXml.bySerial(LIVE, "d-none"));
    assertEquals(List.of(), DiskXml.disks("<not xml"));
  }

  @Test
  void snapshotsOnlyTheTargetDisk() {
    String xml = DiskXml.snapshotXml(DiskXml.disks(LIVE), "vdb", Path.of("/d/it's-l3.qcow2"));
    assertEquals("""
        <domainsnapshot>
          <disks>
            <disk name='vda' snapshot='no'/>
            <disk name='vdb' snapshot='external'>
              <driver type='qcow2'/>
              <source file='/d/it&apos;s-l3.qcow2'/>
            </disk>
            <disk name='sda' snapshot='no'/>
          </disks>
        </domainsnapshot>
        """, xml);
  }

  @Test
  void detachFragmentNamesTargetSourceAndSerial() {
    String xml = DiskXml.detachXml(DiskXml.bySerial(LIVE, "d-data1").orElseThrow());
    assertEquals("""
        <disk type='file' device='disk'>
          <source file='/d/l2.qcow2'/>
          <target dev='vdb' bus='virtio'/>
          <serial>d-data1</serial>
        </disk>
        """, xml);
    assertTrue(Xml.parse(xml).isPresent());
  }
}
