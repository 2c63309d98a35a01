package io.ecsbox.host.vpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinuxNamesTest {
  private final LinuxNames names = new LinuxNames("main");

  @Test
  void interfaceNamesFitLinuxAndDependOnIdAndScope() {
    String vsw = "vsw-0123456789abcdefghij";
    String br = names.bridge(vsw);
    assertTrue(br.matches("ebr-[a-z2-7]{11}"), br);
    assertEquals(15, br.length());
    assertEquals(br.substring(4), names.vethBridgeSide(vsw).substring(4));
    assertEquals("evr-" + br.substring(4), names.vethRouterSide(vsw));
    assertEquals(br, names.bridge(vsw));
    assertNotEquals(br, new LinuxNames("it1").bridge(vsw));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      seen.add(names.bridge("vsw-" + i));
    }
    assertEquals(5000, seen.size());
  }

  @Test
  void netnsAndMarkerRoundTrip() {
    assertEquals("ecsbox-main-vpc-abc", names.netns("vpc-abc"));
    assertEquals(Optional.of("vpc-abc"), names.vpcOfNetns("ecsbox-main-vpc-abc"));
    assertEquals(Optional.empty(), names.vpcOfNetns("ecsbox-it1-vpc-abc"));
    assertEquals(Optional.empty(), names.vpcOfNetns("something-else"));
    String m = names.marker("vpc-abc", "vsw-def");
    assertEquals("ecsbox:main:vpc-abc:vsw-def", m);
    assertArrayEquals(new String[] {"vpc-abc", "vsw-def"}, names.parseMarker(m).orElseThrow());
    assertEquals(Optional.empty(), new LinuxNames("it1").parseMarker(m));
    assertEquals(Optional.empty(), names.parseMarker(""));
    assertEquals(Optional.empty(), names.parseMarker("ecsbox:main:vpc-abc:vsw-d;rm"));
  }

  @Test
  void refusesIdsAndTagsThatAreNotOurs() {
    assertThrows(IllegalArgumentException.class, () -> names.bridge("vsw-../x"));
    assertThrows(IllegalArgumentException.class, () -> names.netns("VPC-1"));
    assertThrows(IllegalArgumentException.class, () -> new LinuxNames("Main"));
    assertThrows(IllegalArgumentException.class, () -> new LinuxNames("toolongtagname1"));
  }
}
