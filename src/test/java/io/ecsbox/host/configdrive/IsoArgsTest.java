package io.ecsbox.host.configdrive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IsoArgsTest {
  private final Path iso = Path.of("/var/lib/ecsbox/instances/i-1/cidata.iso.part");
  private final Path stage = Path.of("/var/lib/ecsbox/instances/i-1/.cidata-123");

  @Test
  void xorriso() {
    assertEquals("xorriso -as mkisofs -quiet -V cidata -J -r -o "
            + "/var/lib/ecsbox/instances/i-1/cidata.iso.part /var/lib/ecsbox/instances/i-1/.cidata-123",
        String.join(" ", IsoArgs.mkisofs(IsoArgs.Tool.XORRISO, iso, stage)));
  }

  @Test
  void genisoimage() {
    assertEquals("genisoimage -quiet -V cidata -J -r -o "
            + "/var/lib/ecsbox/instances/i-1/cidata.iso.part /var/lib/ecsbox/instances/i-1/.cidata-123",
        String.join(" ", IsoArgs.mkisofs(IsoArgs.Tool.GENISOIMAGE, iso, stage)));
  }

  @Test
  void refusesRelativePaths() {
    assertThrows(IllegalArgumentException.class,
        () -> IsoArgs.mkisofs(IsoArgs.Tool.XORRISO, Path.of("-x"), stage));
  }
}
