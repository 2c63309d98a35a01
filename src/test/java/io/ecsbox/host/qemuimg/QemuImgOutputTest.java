package io.ecsbox.host.qemuimg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.host.qemuimg.DiskImages.Info;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class QemuImgOutputTest {
  // Printed by qemu-img 7.2 for an overlay on /tmp/qt/b.qcow2.
  static final String OVERLAY = """
      {
          "backing-filename-format": "qcow2",
          "virtual-size": 134217728,
          "filename": "c.qcow2",
          "cluster-size": 65536,
          "format": "qcow2",
          "actual-size": 200704,
          "format-specific": {"type": "qcow2", "data": {"compat": "1.1", "corrupt": false}},
          "full-backing-filename": "/tmp/qt/b.qcow2",
          "backing-filename": "b.qcow2",
          "dirty-flag": false
      }
      """;

  @Test
  void parsesAnOverlayPreferringTheFullBackingName() {
    assertEquals(new Info("qcow2", 134217728L, 200704L, "/tmp/qt/b.qcow2"),
        QemuImgOutput.parseInfo(OVERLAY));
  }

  @Test
  void parsesAPlainFile() {
    String raw = "{\"virtual-size\": 67108864, \"filename\": \"/a.raw\", \"format\": \"raw\","
        + " \"actual-size\": 8392704, \"dirty-flag\": false}";
    assertEquals(new Info("raw", 67108864L, 8392704L, null), QemuImgOutput.parseInfo(raw));
    assertEquals(new Info("raw", 5L, 0L, "x"), QemuImgOutput.parseInfo(
        "{\"virtual-size\": 5, \"format\": \"raw\", \"backing-filename\": \"x\"}"));
  }

  @Test
  void zeroesWrittenInALayerAreDataItsBackingMustNotShowThrough() {
    // qemu-img 7.2 map of an overlay whose only write is "write -z 0 64k", over a base with data
    String zeroed = "[{ \"start\": 0, \"length\": 65536, \"depth\": 0, \"present\": true, \"zero\": true,"
        + " \"data\": false},\n{ \"start\": 65536, \"length\": 983040, \"depth\": 1, \"present\": true,"
        + " \"zero\": false, \"data\": true, \"offset\": 393216}]";
    String empty = "[{ \"start\": 0, \"length\": 1048576, \"depth\": 1, \"present\": true, \"zero\": false,"
        + " \"data\": true, \"offset\": 327680}]";
    String emptyBase = "[{ \"start\": 0, \"length\": 67108864, \"depth\": 0, \"present\": false,"
        + " \"zero\": true, \"data\": false}]";
    assertTrue(QemuImgOutput.holdsData(zeroed));
    assertFalse(QemuImgOutput.holdsData(empty));
    assertFalse(QemuImgOutput.holdsData(emptyBase));
  }

  @Test
  void rejectsNonJsonAndIncompleteJson() {
    assertThrows(IllegalArgumentException.class, () -> QemuImgOutput.parseInfo("qemu-img: oops"));
    assertThrows(IllegalArgumentException.class, () -> QemuImgOutput.parseInfo("{\"format\":\"raw\"}"));
    assertThrows(IllegalArgumentException.class, () -> QemuImgOutput.parseInfo(""));
  }

  @Test
  void selfContainedAcceptsPlainImages() {
    String qcow2 = "{\"virtual-size\": 1, \"format\": \"qcow2\","
        + " \"format-specific\": {\"type\": \"qcow2\", \"data\": {\"compat\": \"1.1\"}}}";
    assertEquals("qcow2", QemuImgOutput.parseSelfContained(qcow2).format());
    String vmdk = "{\"virtual-size\": 1, \"format\": \"vmdk\", \"format-specific\": {\"type\":"
        + " \"vmdk\", \"data\": {\"create-type\": \"streamOptimized\"}}}";
    assertEquals("vmdk", QemuImgOutput.parseSelfContained(vmdk).format());
  }

  @Test
  void selfContainedRefusesAnythingPointingAtOtherFiles() {
    assertThrows(IllegalArgumentException.class, () -> QemuImgOutput.parseSelfContained(OVERLAY));
    String dataFile = "{\"virtual-size\": 1, \"format\": \"qcow2\", \"format-specific\":"
        + " {\"type\": \"qcow2\", \"data\": {\"data-file\": \"/etc/shadow\"}}}";
    assertThrows(IllegalArgumentException.class, () -> QemuImgOutput.parseSelfContained(dataFile));
    String flat = "{\"virtual-size\": 1, \"format\": \"vmdk\", \"format-specific\": {\"type\":"
        + " \"vmdk\", \"data\": {\"create-type\": \"monolithicFlat\"}}}";
    assertThrows(IllegalArgumentException.class, () -> QemuImgOutput.parseSelfContained(flat));
    String luks = "{\"virtual-size\": 1, \"format\": \"luks\"}";
    assertThrows(IllegalArgumentException.class, () -> QemuImgOutput.parseSelfContained(luks));
  }

  @Test
  void parsesProgressLines() {
    assertEquals(OptionalLong.of(12), QemuImgOutput.parsePercent("    (12.34/100%)"));
    assertEquals(OptionalLong.of(100), QemuImgOutput.parsePercent("(100.00/100%)"));
    assertEquals(OptionalLong.of(0), QemuImgOutput.parsePercent("(0/100%)"));
    assertEquals(OptionalLong.of(75), QemuImgOutput.parsePercent("(25.00/100%) (75.00/100%)"));
    assertTrue(QemuImgOutput.parsePercent("Formatting 'x'").isEmpty());
    assertTrue(QemuImgOutput.parsePercent("").isEmpty());
  }

  @Test
  void reporterPassesOnlyNewHigherPercents() {
    List<Long> seen = new ArrayList<>();
    Consumer<String> r = QemuImgOutput.progressReporter(seen::add);
    for (String line : List.of("(0.00/100%)", "(0.50/100%)", "noise", "(25.00/100%)",
        "(25.99/100%)", "(100.00/100%)", "(100.00/100%)")) {
      r.accept(line);
    }
    assertEquals(List.of(0L, 25L, 100L), seen);
  }
}
