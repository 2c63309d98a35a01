package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The {@code ecsbox} CLI, run in-process with its real HTTP client, against the harness
 * daemon: run --wait, list as JSON, stop, delete, an API error, help, and the networking
 * commands (VPC, vSwitch, security group, ENI) without an instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
  private static final Pattern ID = Pattern.compile("\\bi-[a-z0-9]{20}\\b");
  private static EcsboxHarness h;
  private static String id;

  @BeforeAll
  static void startDaemon() throws Exception {
    h = EcsboxHarness.start("cli");
  }

  @AfterAll
  static void cleanUp() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  @Order(1)
  void runWaitsForReady() {
    EcsboxHarness.CliResult r = cli("instance", "run", "--image", EcsboxHarness.IMAGE_ID, "--type", EcsboxHarness.NANO,
        "--hostname", "cli-vm", "--wait", "--timeout", String.valueOf(EcsboxHarness.BOOT.toSeconds()));
    List<String> ids = new ArrayList<>();
    Matcher m = ID.matcher(r.out());
    while (m.find()) {
      ids.add(m.group());
    }
    h.track(ids); // before asserting, so a failed run is still cleaned up
    assertEquals(0, r.exit(), r.toString());
    id = ids.get(0);
    assertTrue(r.out().lines().anyMatch(l -> l.contains("ECSBOX-READY instance-id=" + id)
        && l.contains("hostname=cli-vm")), r.toString());
  }

  @Test
  @Order(2)
  void listAsJson() throws Exception {
    EcsboxHarness.CliResult r = cli("instance", "list", "-o", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertNotNull(json, r.toString());
    assertTrue(json.findValuesAsText("InstanceId").contains(id), r.toString());
  }

  @Test
  @Order(3)
  void diskAndSnapshotCommandsOnTheRunningInstance() throws Exception {
    EcsboxHarness.CliResult create = cli("disk", "create", "--size", "20", "--name", "cli-disk", "--attach", id, "--wait");
    assertEquals(0, create.exit(), create.toString());
    Matcher dm = Pattern.compile("\\bd-[a-z0-9]{20}\\b").matcher(create.out());
    assertTrue(dm.find(), create.toString());
    String disk = dm.group();
    EcsboxHarness.CliResult list = cli("disk", "list", "--instance", id, "-o", "json");
    assertEquals(0, list.exit(), list.toString());
    assertTrue(list.out().contains(disk) && list.out().contains("In_use"), list.toString());
    EcsboxHarness.CliResult snap = cli("snapshot", "create", disk, "--name", "cli-snap", "--wait");
    assertEquals(0, snap.exit(), snap.toString());
    Matcher sm = Pattern.compile("\\bs-[a-z0-9]{20}\\b").matcher(snap.out());
    assertTrue(sm.find(), snap.toString());
    EcsboxHarness.CliResult detach = cli("disk", "detach", disk, "--wait");
    assertEquals(0, detach.exit(), detach.toString());
    assertEquals(0, cli("snapshot", "delete", sm.group()).exit());
    EcsboxHarness.CliResult delete = cli("disk", "delete", disk, "--wait");
    assertEquals(0, delete.exit(), delete.toString());
    EcsboxHarness.CliResult image = cli("image", "create", "--instance", id, "--name", "cli-image", "--wait");
    assertEquals(0, image.exit(), image.toString());
    Matcher im = Pattern.compile("\\bm-[a-z0-9]{20}\\b").matcher(image.out());
    assertTrue(im.find(), image.toString());
    assertEquals(0, cli("image", "delete", im.group()).exit());
    EcsboxHarness.CliResult gone = cli("disk", "show", disk);
    assertEquals(1, gone.exit(), gone.toString());
    assertTrue(gone.err().contains("InvalidDiskId.NotFound"), gone.toString());
  }

  @Test
  @Order(4)
  void stopThenDelete() throws Exception {
    EcsboxHarness.CliResult stop = cli("instance", "stop", id, "--wait");
    assertEquals(0, stop.exit(), stop.toString());
    assertEquals("Stopped", h.describe(id).orElseThrow().getStatus());

    EcsboxHarness.CliResult delete = cli("instance", "delete", id, "--wait");
    assertEquals(0, delete.exit(), delete.toString());
    assertFalse(h.describe(id).isPresent());
    h.waitUntil(id + " domain and directory to go", EcsboxHarness.BOOT,
        () -> EcsboxHarness.host().state(id).isPresent() || Files.exists(h.instanceDir(id)), busy -> !busy, null);
  }

  @Test
  @Order(5)
  void apiErrorExitsOne() {
    EcsboxHarness.CliResult r = cli("instance", "start", "i-doesnotexist");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("InvalidInstanceId.NotFound"), r.toString());
  }

  @Test
  @Order(6)
  void help() {
    EcsboxHarness.CliResult r = cli("--help");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("instance"), r.toString());
  }

  @Test
  @Order(7)
  void networkCommands() {
    String vpc = created("vpc", cli("vpc", "create", "--cidr", "10.10.0.0/16", "--name", "cli-vpc"));
    String vsw = created("vsw", cli("vswitch", "create", "--vpc", vpc, "--cidr", "10.10.1.0/24",
        "--name", "cli-vsw"));
    String sg = created("sg", cli("sg", "create", "--vpc", vpc, "--name", "cli-sg"));
    EcsboxHarness.CliResult add = cli("sg", "rule", "add", sg, "--protocol", "tcp", "--port", "22/22", "--cidr",
        "10.0.0.0/8");
    assertEquals(0, add.exit(), add.toString());
    EcsboxHarness.CliResult show = cli("sg", "show", sg);
    assertEquals(0, show.exit(), show.toString());
    assertTrue(show.out().lines().anyMatch(l -> l.matches("sgr-\\S+\\s+ingress\\s+TCP\\s+22/22\\s+"
        + "10\\.0\\.0\\.0/8\\s+Accept\\s+1\\b.*")), show.toString());
    EcsboxHarness.CliResult bad = cli("sg", "rule", "add", sg, "--protocol", "tcp", "--port", "80/22", "--cidr",
        "10.0.0.0/8");
    assertEquals(1, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("InvalidPortRange.Malformed"), bad.toString());

    String eni = created("eni", cli("eni", "create", "--vswitch", vsw, "--sg", sg));
    EcsboxHarness.CliResult list = cli("eni", "list", "--vswitch", vsw);
    assertEquals(0, list.exit(), list.toString());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith(eni)
        && l.matches(".*\\s10\\.10\\.1\\.\\d+\\s.*") && l.contains(sg)), list.toString());

    assertEquals(0, cli("eni", "delete", eni).exit());
    assertEquals(0, cli("sg", "delete", sg).exit());
    assertEquals(0, cli("vswitch", "delete", vsw).exit());
    assertEquals(0, cli("vpc", "delete", vpc).exit());
    EcsboxHarness.CliResult gone = cli("vpc", "list");
    assertEquals(0, gone.exit(), gone.toString());
    assertFalse(gone.out().contains(vpc), gone.toString());
  }

  /** The id a create command printed ({@code prefix-...}), after checking it succeeded. */
  private static String created(String prefix, EcsboxHarness.CliResult r) {
    assertEquals(0, r.exit(), r.toString());
    Matcher m = Pattern.compile("\\b" + prefix + "-[a-z0-9]+\\b").matcher(r.out());
    assertTrue(m.find(), r.toString());
    return m.group();
  }

  private static EcsboxHarness.CliResult cli(String... args) {
    return h.cli(args);
  }

}
