package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuestProbeTest {
  private static final String FRESH = "d-fresh0000000000000001";
  private static final String OLD = "d-history00000000000001";

  @Test
  void userDataFindsDisksBySerialAndAlternatesTheOrder() {
    String s = GuestProbe.userData(FRESH, OLD, 256, 3);
    assertTrue(s.startsWith("#!/bin/sh\n"));
    assertTrue(s.contains("F=$(dev " + FRESH + ")"));
    assertTrue(s.contains("H=$(dev " + OLD + ")"));
    assertTrue(s.contains("ecsbox-io write \"$1\" 256"));
    assertTrue(s.contains("ecsbox-io write \"$F\" 8 >/dev/null\necsbox-io write \"$H\" 8 >/dev/null\n"));
    // the guest sees a 20-character prefix of the id as serial: match by prefix
    assertTrue(s.contains("case \"$1\" in \"$s\"*)"));
    List<String> writes = s.lines().filter(l -> l.startsWith("w ")).toList();
    assertEquals(List.of("w \"$F\"; w \"$H\"", "w \"$H\"; w \"$F\"", "w \"$F\"; w \"$H\""), writes);
    assertTrue(s.endsWith("echo 'ECSBOX-BENCH done'\n"));
  }

  @Test
  void userDataRefusesWhatIsNotADiskId() {
    assertThrows(IllegalArgumentException.class, () -> GuestProbe.userData("d-x; reboot", OLD, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> GuestProbe.userData(FRESH, "$(id)", 1, 1));
  }

  @Test
  void ratesComeFromBytesAndMillisecondsPerRole() {
    String console = String.join("\r\n",
        "ecsbox: running user-data",
        "ECSBOX-DISK add vdb serial=d-fresh000000000000 size=1 head=",
        "ECSBOX-BENCH fresh=vdc history=vdb",
        "ECSBOX-IO dev=vdc op=write bytes=268435456 ms=1000 mbps=256.00",
        "noise ECSBOX-IO dev=vdb op=write bytes=268435456 ms=2000 mbps=128.00",
        "ECSBOX-IO dev=vdb op=iops count=256 ms=10 iops=25600",
        "ECSBOX-IO dev=vdd op=write bytes=1048576 ms=1 mbps=1000.00",
        "ECSBOX-BENCH done", "");
    GuestProbe.Rates r = GuestProbe.rates(console);
    assertEquals(List.of(256.0), r.fresh());
    assertEquals(List.of(128.0), r.history());
    assertTrue(GuestProbe.done(console));
    assertNull(GuestProbe.error(console));
  }

  @Test
  void doneOnlyOnALineOfItsOwnAndErrorsAreNamed() {
    assertFalse(GuestProbe.done("+ echo 'ECSBOX-BENCH done'\n"));
    assertEquals("no-ecsbox-io", GuestProbe.error("x\nECSBOX-BENCH error=no-ecsbox-io\n"));
  }
}
