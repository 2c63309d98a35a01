package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disks and snapshots as a guest sees them: markers written by the guest survive exactly as
 * of the snapshot after ResetDisk and in a disk created from it; hot attach, online resize
 * and hot detach show up in the running guest; bad requests change nothing; QEMU enforces
 * each category's I/O limits.
 */
class StorageGuestIT {
  private static EcsboxHarness h;
  private static StorageKit kit;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("storage", List.of(EcsboxHarness.ZONE, "local-1b"));
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

  private static String run(String name, String userData, String... extra) {
    List<String> kv = new ArrayList<>(List.of("ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "InstanceName", name));
    if (userData != null) {
      kv.add("UserData");
      kv.add(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
    }
    kv.addAll(List.of(extra));
    String id = kit.call("RunInstances", kv.toArray(String[]::new)).path("InstanceIdSets").path("InstanceIdSet")
        .get(0).asText();
    h.track(List.of(id));
    return id;
  }

  private static String dataDisk(String instanceId, String device) {
    // all on one page: 16 disks made in one second have no order the default page of 10 could rely on
    for (JsonNode d : kit.call("DescribeDisks", "InstanceId", instanceId, "DiskType", "data", "PageSize", "100")
        .path("Disks")
        .path("Disk")) {
      if (d.path("Device").asText().equals(device)) {
        return d.path("DiskId").asText();
      }
    }
    throw new AssertionError("no data disk " + device + " on " + instanceId);
  }

  /** The guest's disk watcher line for the disk (the guest sees at most 20 characters of serial). */
  private static Pattern diskLine(String event, String dev, String diskId) {
    String serial = diskId.length() > 20 ? diskId.substring(0, 20) : diskId;
    return Pattern.compile("ECSBOX-DISK " + event + " " + dev + " serial=" + Pattern.quote(serial) + "(\\s.*)?$",
        Pattern.MULTILINE);
  }

  /** Waits for a console line matching {@code p}; returns the last such line. */
  private static String waitLine(String inst, Pattern p) {
    String console = h.waitForConsoleLine(inst, p, 1, Duration.ofSeconds(120));
    String last = null;
    for (String l : console.split("\r?\n|\r")) {
      if (p.matcher(l).find()) {
        last = l;
      }
    }
    return last;
  }

  @Test
  void guestMarkersFollowSnapshotsResetAndNewDisksAndHotplugIsSeen() throws Exception {
    String m = EcsboxHarness.marker("mk");
    String userData = "#!/bin/sh\n"
        + "echo image-" + m + " > /root/image-marker; sync\n"
        + "( ecsbox-io mark vdb first-" + m + " >/dev/null\n"
        + "  echo ECSBOX-TEST wrote first\n"
        + "  while [ ! -e /dev/vdc ]; do sleep 0.5; done\n"
        + "  ecsbox-io mark vdb second-" + m + " >/dev/null\n"
        + "  echo ECSBOX-TEST wrote second ) >/dev/ttyS0 2>&1 &\n";
    String a = run("storage-a", userData, "DataDisk.1.Size", "20", "DataDisk.1.Category", "cloud_efficiency");
    String b = run("storage-b", null);
    String data = dataDisk(a, "/dev/xvdb");
    waitLine(a, Pattern.compile("^ECSBOX-TEST wrote first", Pattern.MULTILINE));
    assertTrue(h.consoleText(a).matches("(?s).*ECSBOX-DISK add vdb serial=" + data.substring(0, 20)
        + " size=21474836480.*"), "the guest saw its 20 GiB data disk at boot");

    String snap = kit.takeSnapshot(data, "first");

    // bad requests while the instance runs: each its error, nothing changes
    assertEquals("IncorrectInstanceStatus", kit.error("ResetDisk", "DiskId", data, "SnapshotId", snap));
    assertEquals("IncorrectDiskStatus", kit.error("DeleteDisk", "DiskId", data));
    assertEquals("InvalidDiskSize.ValueNotSupported", kit.error("ResizeDisk", "DiskId", data, "NewSize", "10"));
    assertEquals("IncorrectDiskStatus", kit.error("AttachDisk", "DiskId", data, "InstanceId", b));
    assertEquals("InvalidDiskId.NotFound", kit.error("CreateSnapshot", "DiskId", "d-doesnotexist00000000"));
    JsonNode after = kit.disk(data);
    assertEquals("In_use", after.path("Status").asText());
    assertEquals(a, after.path("InstanceId").asText());
    assertEquals(20, after.path("Size").asInt());

    // hot attach: the guest sees vdc appear (and then writes its second marker)
    String trigger = kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "20").path("DiskId").asText();
    kit.call("AttachDisk", "DiskId", trigger, "InstanceId", a);
    kit.waitDisk(trigger, "In_use");
    waitLine(a, diskLine("add", "vdc", trigger));
    waitLine(a, Pattern.compile("^ECSBOX-TEST wrote second", Pattern.MULTILINE));
    // online resize: the guest sees the new size
    kit.call("ResizeDisk", "DiskId", trigger, "NewSize", "30", "Type", "online");
    waitLine(a, Pattern.compile(diskLine("resize", "vdc", trigger).pattern().replace("(\\s.*)?$", "")
        + " size=32212254720", Pattern.MULTILINE));
    assertEquals(30, kit.disk(trigger).path("Size").asInt());
    // hot detach: the guest sees it go
    kit.call("DetachDisk", "DiskId", trigger, "InstanceId", a);
    kit.waitDisk(trigger, "Available");
    waitLine(a, diskLine("remove", "vdc", trigger));

    // ResetDisk to the snapshot (instance stopped): the guest reads exactly the first marker
    kit.call("StopInstance", "InstanceId", a);
    h.waitForStatus(a, "Stopped", Duration.ofSeconds(90));
    kit.call("ResetDisk", "DiskId", data, "SnapshotId", snap);
    kit.call("StartInstance", "InstanceId", a);
    // (the console still shows the previous boot until the new one starts: wait for a marker)
    String line = waitLine(a, Pattern.compile(diskLine("add", "vdb", data).pattern().replace("(\\s.*)?$", "")
        + " .*head=(first|second)-" + m));
    assertTrue(line.endsWith("head=first-" + m), "after reset the guest sees the first marker only: " + line);

    // CreateImage from the running instance (its system disk is snapshotted live): a new
    // instance from that image boots with the file A wrote in place
    String image = kit.call("CreateImage", "InstanceId", a, "ImageName", "from-a").path("ImageId").asText();
    h.waitUntil("image " + image, Duration.ofSeconds(180), () -> kit.call("DescribeImages", "ImageId", image,
        "Status", "Creating,Available,CreateFailed").path("Images").path("Image").path(0).path("Status").asText(),
        st -> !st.equals("Creating"), null);
    JsonNode img = kit.call("DescribeImages", "ImageId", image).path("Images").path("Image").path(0);
    assertEquals("Available", img.path("Status").asText(), img.toString());
    String forImage = kit.call("DescribeSnapshots", "InstanceId", a, "SnapshotName", "for-image").path("Snapshots")
        .path("Snapshot").path(0).path("SnapshotId").asText();
    assertEquals("SnapshotUsedByImage", kit.error("DeleteSnapshot", "SnapshotId", forImage));
    String c = run("from-image", "#!/bin/sh\necho ECSBOX-TEST image file: $(cat /root/image-marker)\n",
        "ImageId", image);
    String fileLine = waitLine(c, Pattern.compile("^ECSBOX-TEST image file:", Pattern.MULTILINE));
    assertEquals("ECSBOX-TEST image file: image-" + m, fileLine.strip());
    assertEquals("InvalidSnapshotId.NotSystemDisk", kit.error("CreateImage", "SnapshotId", snap));

    // a disk made from the snapshot shows the first marker in another instance
    String copy = kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "SnapshotId", snap).path("DiskId").asText();
    h.waitForConsoleLine(b, EcsboxHarness.READY, 1, EcsboxHarness.BOOT);
    kit.call("AttachDisk", "DiskId", copy, "InstanceId", b, "DeleteWithInstance", "true");
    String seen = waitLine(b, diskLine("add", "vdb", copy));
    assertTrue(seen.contains("head=first-" + m), seen);

    kit.call("DeleteInstance", "InstanceId", a, "Force", "true");
    kit.call("DeleteInstance", "InstanceId", b, "Force", "true");
    kit.call("DeleteInstance", "InstanceId", c, "Force", "true");
    kit.waitDisk(copy, "gone"); // attached with DeleteWithInstance
    kit.waitDisk(data, "gone"); // DataDisk.N defaults to DeleteWithInstance
    kit.call("DeleteDisk", "DiskId", trigger);
    kit.call("DeleteSnapshot", "SnapshotId", snap);
  }

  @Test
  void limitsAreEnforcedAndRefusalsChangeNothing() {
    List<String> kv = new ArrayList<>(List.of("ImageId", EcsboxHarness.IMAGE_ID, "InstanceType",
        EcsboxHarness.NANO, "InstanceName", "limits"));
    for (int n = 1; n <= 17; n++) {
      kv.addAll(List.of("DataDisk." + n + ".Size", "20"));
    }
    // the other tests of this class clean up after themselves in the background: wait for it
    h.waitUntil("other tests' disks to go", Duration.ofSeconds(90),
        () -> kit.call("DescribeDisks").path("TotalCount").asInt(), n -> n == 0, null);
    int disksBefore = 0;
    assertEquals("InstanceDiskNumber.LimitExceed", kit.error("CreateInstance", kv.toArray(String[]::new)));
    assertEquals(disksBefore, kit.call("DescribeDisks").path("TotalCount").asInt(), "no disk was made");
    String c = kit.call("CreateInstance", kv.subList(0, kv.size() - 2).toArray(String[]::new))
        .path("InstanceId").asText();
    h.track(List.of(c));
    assertEquals(16, kit.call("DescribeDisks", "InstanceId", c, "DiskType", "data").path("TotalCount").asInt());
    String extra = kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "20").path("DiskId").asText();
    assertEquals("InstanceDiskNumber.LimitExceed", kit.error("AttachDisk", "DiskId", extra, "InstanceId", c));
    assertEquals("Available", kit.disk(extra).path("Status").asText());
    String dataDisk16 = dataDisk(c, "/dev/xvdq");

    assertEquals("InvalidDiskSize.ValueNotSupported", kit.error("CreateDisk", "ZoneId", EcsboxHarness.ZONE,
        "Size", "19"));
    assertEquals("InvalidDiskSize.ValueNotSupported", kit.error("CreateDisk", "ZoneId", EcsboxHarness.ZONE,
        "Size", "32769"));
    assertEquals("InvalidZoneId.NotFound", kit.error("CreateDisk", "ZoneId", "local-1z", "Size", "20"));
    String elsewhere = kit.call("CreateDisk", "ZoneId", "local-1b", "Size", "20").path("DiskId").asText();
    kit.call("DetachDisk", "DiskId", dataDisk(c, "/dev/xvdq"), "InstanceId", c); // room for one more
    kit.waitDisk(dataDisk16, "Available");
    assertEquals("InvalidDiskId.ZoneMismatch", kit.error("AttachDisk", "DiskId", elsewhere, "InstanceId", c));
    assertEquals("Available", kit.disk(elsewhere).path("Status").asText());
    kit.call("DeleteDisk", "DiskId", elsewhere);
    kit.call("DeleteDisk", "DiskId", dataDisk16);
    assertEquals("InvalidSnapshotId.NotFound", kit.error("CreateDisk", "ZoneId", EcsboxHarness.ZONE,
        "SnapshotId", "s-doesnotexist00000000"));

    // thin: 32 TiB disks cost nothing until written; the pool (128 TiB by default) refuses more
    long provisioned = 0;
    for (JsonNode d : kit.call("DescribeDisks", "PageSize", "100").path("Disks").path("Disk")) {
      provisioned += d.path("Size").asLong();
    }
    long fit = (131072 - provisioned) / 32768;
    List<String> big = new ArrayList<>();
    String refused = null;
    for (int n = 0; n <= fit && refused == null; n++) {
      try {
        big.add(kit.call("CreateDisk", "ZoneId", EcsboxHarness.ZONE, "Size", "32768").path("DiskId").asText());
      } catch (StorageKit.ApiError e) {
        refused = e.code;
      }
    }
    assertEquals("OperationDenied.NoStock", refused);
    assertEquals(fit, big.size(), fit + " x 32 TiB fit next to the " + provisioned + " GiB provisioned, one more does not");
    long actual = kit.rows("SELECT file FROM disks WHERE disk_id = ?", big.get(0)).stream()
        .mapToLong(f -> h.dataDir().resolve(f).toFile().length()).sum();
    assertTrue(actual < (1 << 20), "a new 32 TiB disk takes " + actual + " bytes");

    kit.call("DeleteInstance", "InstanceId", c);
    h.waitUntil("disks of " + c, Duration.ofSeconds(60),
        () -> kit.call("DescribeDisks", "InstanceId", c).path("TotalCount").asInt(), n -> n == 0, null);
    for (String d : big) {
      kit.call("DeleteDisk", "DiskId", d);
    }
    kit.call("DeleteDisk", "DiskId", extra);
  }

  @Test
  void qemuEnforcesTheCategoryLimitsInsideTheGuest() throws Exception {
    String userData = "#!/bin/sh\n"
        // long enough (~1.6 s at the limit) that QEMU's burst allowance (about 1/10 s) hardly counts
        + "( for i in 1 2; do ecsbox-io write vdb 160; ecsbox-io write vdc 160; done\n"
        + "  echo ECSBOX-TEST io done ) >/dev/ttyS0 2>&1 &\n";
    String inst = run("iotune", userData, "DataDisk.1.Size", "20", "DataDisk.1.Category", "cloud_efficiency",
        "DataDisk.2.Size", "1261", "DataDisk.2.Category", "cloud_essd", "DataDisk.2.PerformanceLevel", "PL3");
    String slow = dataDisk(inst, "/dev/xvdb");
    String fast = dataDisk(inst, "/dev/xvdc");
    JsonNode s = kit.disk(slow);
    JsonNode f = kit.disk(fast);
    assertEquals(1960, s.path("IOPS").asInt(), "min(1800 + 8 x 20, 5000)");
    assertEquals(103, s.path("Throughput").asInt(), "min(100 + 0.15 x 20, 140) MB/s");
    assertEquals(750, f.path("Throughput").asInt(), "PL3: min(120 + 0.5 x 1261, 4000) MB/s");
    waitLine(inst, Pattern.compile("^ECSBOX-TEST io done", Pattern.MULTILINE));
    String xml;
    try {
      xml = h.host().xml(inst);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertTrue(xml.contains("<total_bytes_sec>103000000</total_bytes_sec>"), xml);
    // the qcow2 metadata cache is sized for each disk: 1261 GiB needs 197 MiB of tables, capped at 64 MiB
    assertTrue(xml.contains("<max_size unit='bytes'>67108864</max_size>"), xml);
    String console = h.consoleText(inst);
    double slowRate = best(console, "vdb");
    double fastRate = best(console, "vdc");
    System.out.printf("direct sequential writes in the guest: cloud_efficiency 20 GiB %.1f MiB/s (limit 98.2 MiB/s),"
        + " cloud_essd PL3 1261 GiB %.1f MiB/s%n", slowRate, fastRate);
    // QEMU lets a short burst through: about 5-9 % over the limit in 1-2 s runs on this host
    assertTrue(slowRate <= 103e6 / (1 << 20) * 1.15, "cloud_efficiency stays under its limit: " + slowRate);
    assertTrue(fastRate > slowRate * 1.2, "PL3 writes faster: " + fastRate + " vs " + slowRate);
    kit.call("DeleteInstance", "InstanceId", inst, "Force", "true");
  }

  private static double best(String console, String dev) {
    Matcher mm = Pattern.compile("ECSBOX-IO dev=/?(?:dev/)?" + dev + " op=write bytes=\\d+ ms=\\d+ mbps=([0-9.]+)")
        .matcher(console);
    double best = -1;
    while (mm.find()) {
      best = Math.max(best, Double.parseDouble(mm.group(1)));
    }
    assertTrue(best > 0, "no ECSBOX-IO line for " + dev + " in:\n" + console);
    return best;
  }
}
