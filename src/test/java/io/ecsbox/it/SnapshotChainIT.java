package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental snapshots on real qcow2 chains: each snapshot holds only what was written since
 * the previous one, and deleting one in the middle of a chain leaves every other snapshot and
 * the disk reading exactly as before (checksums), offline and with the disk in a running
 * guest (where the merge is a live block commit or pull).
 */
class SnapshotChainIT {
  private static EcsboxHarness h;
  private static StorageKit kit;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("snapchain");
    kit = new StorageKit(h);
  }

  @AfterAll
  static void stop() {
    if (kit != null) {
      kit.close();
    }
    if (h != null) {
      h.close();
    }
  }

  /** Disk d with three snapshots, each after a 1 MiB write of its own pattern, then a 4th write. */
  private static Map<String, String> chainOf(String disk) {
    Map<String, String> snaps = new LinkedHashMap<>();
    int[] patterns = {0x11, 0x22, 0x33};
    for (int n = 0; n < 3; n++) {
      StorageKit.write(kit.diskFile(disk), patterns[n], n + "M", "1M");
      snaps.put("s" + (n + 1), kit.takeSnapshot(disk, "chain-" + (n + 1)));
    }
    StorageKit.write(kit.diskFile(disk), 0x44, "512K", "1M"); // overwrites parts of s1's and s2's data
    return snaps;
  }

  private static Map<String, String> contents(Map<String, String> snaps, String disk) {
    Map<String, String> out = new LinkedHashMap<>();
    snaps.forEach((k, id) -> out.put(k, StorageKit.checksum(kit.snapshotFile(id), 4)));
    out.put("disk", StorageKit.checksum(kit.diskFile(disk), 4));
    return out;
  }

  @Test
  void snapshotsAreIncrementalAndDeletingTheMiddleOneChangesNoOtherContent() {
    String disk = kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "20", "DiskCategory",
        "cloud_efficiency", "DiskName", "chain").path("DiskId").asText();
    assertEquals("Available", kit.disk(disk).path("Status").asText());
    Map<String, String> snaps = chainOf(disk);
    Map<String, String> before = contents(snaps, disk);
    StringBuilder diag = new StringBuilder();
    snaps.forEach((k, id) -> diag.append(k).append(' ').append(StorageKit.chain(kit.snapshotFile(id))).append('\n'));
    diag.append("disk ").append(StorageKit.chain(kit.diskFile(disk))).append('\n').append(before);
    assertEquals(4, before.values().stream().distinct().count(), "every point in time reads differently\n" + diag);

    // incremental: a layer holds only its own 1 MiB (plus qcow2 metadata)
    for (String id : snaps.values()) {
      long bytes = Long.parseLong(StorageKit.RUN.run(List.of("qemu-img", "info", "-U", "--output=json",
          kit.snapshotFile(id).toString()), Duration.ofSeconds(10)).stdout().replaceAll("(?s).*\"actual-size\": (\\d+).*", "$1"));
      assertTrue(bytes <= (1L << 20) + (1L << 20), id + " holds " + bytes + " bytes for 1 MiB written");
    }
    assertEquals(4, StorageKit.chain(kit.diskFile(disk)).size(), "the active layer on the 3 snapshot layers");

    Path middle = kit.snapshotFile(snaps.get("s2"));
    kit.call("DeleteSnapshot", "SnapshotId", snaps.get("s2"));
    assertEquals("InvalidSnapshotId.NotFound", kit.error("DeleteSnapshot", "SnapshotId", snaps.get("s2")));
    kit.waitSnapshotGone(snaps.get("s2"));
    snaps.remove("s2");
    before.remove("s2");
    assertEquals(before, contents(snaps, disk), "s1, s3 and the disk read as before");
    assertFalse(Files.exists(middle), "the merged layer's file is gone");
    assertEquals(3, StorageKit.chain(kit.diskFile(disk)).size());
    for (String id : snaps.values()) {
      assertTrue(StorageKit.checkClean(kit.snapshotFile(id)), "qemu-img check " + id);
    }
    assertTrue(StorageKit.checkClean(kit.diskFile(disk)));

    // ResetDisk (disk unattached) back to s1: the disk reads as s1
    kit.call("ResetDisk", "DiskId", disk, "SnapshotId", snaps.get("s1"));
    assertEquals(before.get("s1"), StorageKit.checksum(kit.diskFile(disk), 4));
    // CreateDisk from s3: reads as s3
    String copy = kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "SnapshotId", snaps.get("s3"))
        .path("DiskId").asText();
    assertEquals(20, kit.disk(copy).path("Size").asInt(), "size defaults to the snapshot's disk size");
    assertEquals(before.get("s3"), StorageKit.checksum(kit.diskFile(copy), 4));
    // s3 backs a disk now: plain delete is refused, Force merges it into that disk
    assertEquals("SnapshotUsedByDisk", kit.error("DeleteSnapshot", "SnapshotId", snaps.get("s3")));
    kit.call("DeleteSnapshot", "SnapshotId", snaps.get("s3"), "Force", "true");
    kit.waitSnapshotGone(snaps.get("s3"));
    assertEquals(before.get("s3"), StorageKit.checksum(kit.diskFile(copy), 4), "the copy keeps its data");
    assertEquals(before.get("s1"), StorageKit.checksum(kit.snapshotFile(snaps.get("s1")), 4));

    kit.call("DeleteDisk", "DiskId", copy);
    kit.call("DeleteDisk", "DiskId", disk);
    assertEquals(null, kit.disk(disk));
    kit.call("DeleteSnapshot", "SnapshotId", snaps.get("s1"));
    kit.waitSnapshotGone(snaps.get("s1"));
    assertEquals(List.of(), kit.rows("SELECT file FROM layers WHERE disk_id IN (?, ?)", disk, copy),
        "no layer of either disk is left");
  }

  @Test
  void deletingSnapshotsUnderARunningGuestMergesLiveWithoutChangingContent() throws Exception {
    String disk = kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "20", "DiskName", "live")
        .path("DiskId").asText();
    Map<String, String> snaps = chainOf(disk);
    Map<String, String> before = contents(snaps, disk);

    JsonNode run = kit.call("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "InstanceName", "snapchain");
    String inst = run.path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
    h.track(List.of(inst));
    h.waitForConsoleLine(inst, EcsboxHarness.READY, 1, EcsboxHarness.BOOT);
    kit.call("AttachDisk", "DiskId", disk, "InstanceId", inst);
    kit.waitDisk(disk, "In_use");
    assertEquals("/dev/xvdb", kit.disk(disk).path("Device").asText());
    assertTrue(h.host().xml(inst).contains(kit.diskFile(disk).toString()), "hot-plugged into the domain");

    // s2's only child is s3's layer, inside the running chain: a live block commit
    kit.call("DeleteSnapshot", "SnapshotId", snaps.get("s2"));
    kit.waitSnapshotGone(snaps.get("s2"));
    // s3's child is the running disk's active layer: a live block pull
    kit.call("DeleteSnapshot", "SnapshotId", snaps.get("s3"));
    kit.waitSnapshotGone(snaps.get("s3"));
    assertEquals(before.get("s1"), StorageKit.checksum(kit.snapshotFile(snaps.get("s1")), 4));
    List<String> chain = StorageKit.chain(kit.diskFile(disk));
    assertEquals(2, chain.size(), "the active layer on s1's layer: " + chain);
    assertEquals(kit.snapshotFile(snaps.get("s1")).toString(), chain.get(1));

    // A live snapshot freezes the running disk's layer: the host may read a frozen layer (never
    // an active one, whose qcow2 metadata QEMU may not have written yet). It reads as before.
    String live = kit.takeSnapshot(disk, "live");
    assertNotEquals(kit.snapshotFile(live), kit.diskFile(disk));
    assertEquals(before.get("disk"), StorageKit.checksum(kit.snapshotFile(live), 4), "the merges changed nothing");
    assertTrue(h.host().xml(inst).contains(kit.diskFile(disk).toString()), "the guest writes the new layer");
    String sys = kit.rows("SELECT disk_id FROM disks WHERE instance_id = ? AND type = 'system'", inst).get(0);
    kit.takeSnapshot(sys, "system");
    assertEquals("Running", h.describe(inst).orElseThrow().getStatus());

    // keep the system disk this time: it outlives the instance as an Available disk
    kit.call("ModifyDiskAttribute", "DiskId", sys, "DeleteWithInstance", "false");
    kit.call("DeleteInstance", "InstanceId", inst, "Force", "true");
    h.waitUntilGone(inst, Duration.ofSeconds(60));
    kit.waitDisk(disk, "Available"); // a data disk attached by AttachDisk outlives its instance
    kit.waitDisk(sys, "Available");
    assertEquals("system", kit.disk(sys).path("Type").asText());
    kit.call("DeleteDisk", "DiskId", sys);
    kit.call("DeleteDisk", "DiskId", disk);
  }

  @Test
  void aLongChainIsShortenedBeforeTheGuestOpensItAndEverySnapshotKeepsItsContent() throws Exception {
    String disk = kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "20", "DiskName", "long")
        .path("DiskId").asText();
    Map<String, String> sums = new LinkedHashMap<>();
    for (int n = 0; n < 17; n++) { // one more than the default ECSBOX_MAX_CHAIN_DEPTH of 16
      StorageKit.write(kit.diskFile(disk), 0x10 + n, (n % 4) + "M", "512K");
      String id = kit.takeSnapshot(disk, "long-" + n);
      sums.put(id, StorageKit.checksum(kit.snapshotFile(id), 4));
    }
    StorageKit.write(kit.diskFile(disk), 0x7f, "3584K", "512K");
    String diskSum = StorageKit.checksum(kit.diskFile(disk), 4);
    assertEquals(18, StorageKit.chain(kit.diskFile(disk)).size());

    String inst = kit.call("CreateInstance", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "InstanceName", "longchain").path("InstanceId").asText();
    h.track(List.of(inst));
    kit.call("AttachDisk", "DiskId", disk, "InstanceId", inst);
    kit.waitDisk(disk, "In_use");
    kit.call("StartInstance", "InstanceId", inst);
    h.waitForConsoleLine(inst, EcsboxHarness.READY, 1, EcsboxHarness.BOOT);
    List<String> chain = StorageKit.chain(kit.diskFile(disk));
    assertEquals(2, chain.size(), "the guest opens its active layer on one flattened layer: " + chain);
    long flatBytes = Files.size(Path.of(chain.get(1)));
    assertTrue(flatBytes < (8L << 20), "the flattened layer holds only the data written (2 MiB), not the disk: "
        + flatBytes);

    kit.call("StopInstance", "InstanceId", inst);
    h.waitForStatus(inst, "Stopped", Duration.ofSeconds(90));
    assertEquals(diskSum, StorageKit.checksum(kit.diskFile(disk), 4), "the disk reads as before");
    sums.forEach((id, sum) -> assertEquals(sum, StorageKit.checksum(kit.snapshotFile(id), 4), id));
    assertTrue(StorageKit.checkClean(kit.diskFile(disk)));

    kit.call("DeleteInstance", "InstanceId", inst);
    kit.waitDisk(disk, "Available");
    for (String id : sums.keySet()) {
      kit.call("DeleteSnapshot", "SnapshotId", id);
    }
    for (String id : sums.keySet()) {
      kit.waitSnapshotGone(id);
    }
    assertEquals(diskSum, StorageKit.checksum(kit.diskFile(disk), 4), "the disk still reads as before");
    kit.call("DeleteDisk", "DiskId", disk);
    assertEquals(List.of(), kit.rows("SELECT file FROM layers WHERE disk_id = ?", disk), "nothing of it is left");
  }
}
