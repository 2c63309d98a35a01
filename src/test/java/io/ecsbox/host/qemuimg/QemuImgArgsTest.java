package io.ecsbox.host.qemuimg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QemuImgArgsTest {
  private static String text(List<String> argv) {
    return String.join(" ", argv);
  }

  @Test
  void createOverlay() {
    assertEquals("qemu-img create -f qcow2 -F qcow2 -b /var/lib/ecsbox/images/m-1.qcow2"
            + " /var/lib/ecsbox/disks/d-1.qcow2 42949672960",
        text(QemuImgArgs.createOverlay(Path.of("/var/lib/ecsbox/images/m-1.qcow2"), "qcow2",
            Path.of("/var/lib/ecsbox/disks/d-1.qcow2"), 40L << 30)));
  }

  @Test
  void infoWithAndWithoutFormat() {
    assertEquals("qemu-img info --output=json -U /d/x.qcow2",
        text(QemuImgArgs.info(Path.of("/d/x.qcow2"), null)));
    assertEquals("qemu-img info --output=json -U -f raw /d/x.raw",
        text(QemuImgArgs.info(Path.of("/d/x.raw"), "raw")));
  }

  @Test
  void convertToQcow2() {
    assertEquals("qemu-img convert -p -f raw -O qcow2 /in/a.raw /out/m-1.qcow2.part",
        text(QemuImgArgs.convertToQcow2(Path.of("/in/a.raw"), "raw",
            Path.of("/out/m-1.qcow2.part"))));
  }

  @Test
  void pathsWithSpacesStayOneArgument() {
    List<String> argv = QemuImgArgs.info(Path.of("/d/a b;rm -rf x"), "qcow2");
    assertEquals("/d/a b;rm -rf x", argv.get(argv.size() - 1));
  }

  @Test
  void refusesRelativePathsThatCouldReadAsOptionsOrProtocols() {
    assertThrows(IllegalArgumentException.class,
        () -> QemuImgArgs.info(Path.of("-U"), null));
    assertThrows(IllegalArgumentException.class,
        () -> QemuImgArgs.info(Path.of("nbd:evil:1234"), null));
    assertThrows(IllegalArgumentException.class, () -> QemuImgArgs.createOverlay(
        Path.of("base.qcow2"), "qcow2", Path.of("/o.qcow2"), 1));
  }

  @Test
  void refusesOddFormatsAndSizes() {
    Path a = Path.of("/a");
    assertThrows(IllegalArgumentException.class, () -> QemuImgArgs.info(a, "qcow2,x=y"));
    assertThrows(IllegalArgumentException.class, () -> QemuImgArgs.info(a, "-o"));
    assertThrows(IllegalArgumentException.class, () -> QemuImgArgs.info(a, ""));
    assertThrows(IllegalArgumentException.class, () -> QemuImgArgs.convertToQcow2(a, null, a));
    assertThrows(IllegalArgumentException.class, () -> QemuImgArgs.createOverlay(a, "qcow2", a, 0));
  }
}
