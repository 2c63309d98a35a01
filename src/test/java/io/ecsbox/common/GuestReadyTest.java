package io.ecsbox.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuestReadyTest {
  // What Debian 12's cloud-init 22.4.2 prints on ttyS0 at the end of cloud-final.
  private static final String DEBIAN = "[   12.3] cloud-init[301]: Cloud-init v. 22.4.2 running 'modules:final'\r\n"
      + "[   40.1] cloud-init[412]: Cloud-init v. 22.4.2 finished at Tue, 08 Dec 2026 03:10:11 +0000."
      + " Datasource DataSourceNoCloud [seed=/dev/sr0][dsmode=net].  Up 40.12 seconds\r\n"
      + "\r\ndebian login: ";

  @Test
  void cloudInitsFinishedLineIsReadyButItsRunningLineIsNot() {
    assertEquals("Cloud-init v. 22.4.2 finished at Tue, 08 Dec 2026 03:10:11 +0000."
        + " Datasource DataSourceNoCloud [seed=/dev/sr0][dsmode=net].  Up 40.12 seconds", GuestReady.firstLine(DEBIAN));
    assertTrue(GuestReady.isReady(DEBIAN, "i-1"));
    String running = DEBIAN.substring(0, DEBIAN.indexOf("\r\n") + 2);
    assertNull(GuestReady.firstLine(running));
    assertFalse(GuestReady.isReady(running, "i-1"));
  }

  @Test
  void theTinyImagesLineIsReadyWhenItNamesThisInstance() {
    String tiny = "ecsbox: config drive\nECSBOX-READY instance-id=i-12 hostname=h\n";
    assertEquals("ECSBOX-READY instance-id=i-12 hostname=h", GuestReady.firstLine(tiny));
    assertTrue(GuestReady.isReady(tiny, "i-12"));
    assertFalse(GuestReady.isReady(tiny, "i-1"), "i-1 is a prefix of i-12, not the same instance");
    assertTrue(GuestReady.isReady("ECSBOX-READY instance-id=i-1", "i-1"));
  }

  @Test
  void whicheverComesFirst() {
    assertEquals("ECSBOX-READY instance-id=i-1", GuestReady.firstLine("ECSBOX-READY instance-id=i-1\r" + DEBIAN));
    assertTrue(GuestReady.firstLine(DEBIAN + "\nECSBOX-READY x").startsWith("Cloud-init v. 22.4.2 finished at"));
  }

  @Test
  void neither() {
    assertNull(GuestReady.firstLine(""));
    assertNull(GuestReady.firstLine("Welcome to Fedora\nlogin: "));
    assertFalse(GuestReady.isReady("cloud-init finished\nREADY", "i-1"));
  }
}
