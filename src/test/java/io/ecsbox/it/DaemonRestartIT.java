package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.DeleteInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Stopping the daemon leaves guests running; starting it again adopts them, removes what a
 * crash left half-created, and leaves domains that are not its own alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonRestartIT {
  private static final Duration STATE = Duration.ofSeconds(120);
  private static EcsboxHarness h;
  private static String id;
  private static final String FOREIGN = "ecsbox-foreign-" + EcsboxHarness.SESSION + rand(6);
  private static final String OTHER_DAEMONS = "i-" + rand(20);

  @BeforeAll
  static void startDaemon() throws Exception {
    h = EcsboxHarness.start("restart");
  }

  @AfterAll
  static void cleanUp() {
    try {
      EcsboxHarness.host().remove(FOREIGN);
      EcsboxHarness.host().remove(OTHER_DAEMONS);
    } finally {
      if (h != null) {
        h.close();
      }
    }
  }

  @Test
  @Order(1)
  void runOne() throws Exception {
    RunInstancesRequest r = new RunInstancesRequest();
    r.setImageId(EcsboxHarness.IMAGE_ID);
    r.setInstanceType(EcsboxHarness.NANO);
    r.setHostName("restart-vm");
    List<String> ids = h.call(r).getInstanceIdSets();
    h.track(ids);
    id = ids.get(0);
    h.waitForStatus(id, "Running", STATE);
    h.waitForConsoleLine(id, EcsboxHarness.READY, 1, EcsboxHarness.BOOT);
  }

  @Test
  @Order(2)
  void restartAdoptsGuestsRepairsLeftoversAndSparesForeignDomains() throws Exception {
    // A crash between "mkdir" and "insert row" leaves a directory no instance owns.
    String leftover = "i-leftover" + rand(8);
    Path leftoverDir = h.dataDir().resolve("instances").resolve(leftover);
    Files.createDirectories(leftoverDir);
    Files.write(leftoverDir.resolve("system.qcow2"), new byte[] {1, 2, 3});
    // A domain someone else defined, without our metadata; never started.
    Path disk = h.dataDir().resolve("foreign.qcow2");
    qemuImgCreate(disk);
    EcsboxHarness.host().define(domainXml(FOREIGN, disk, ""));

    h.stopDaemon();
    assertEquals("running", EcsboxHarness.host().state(id).orElse("<absent>"), "guest survives the daemon");

    h.startAgain();
    assertEquals("Running", h.describe(id).orElseThrow().getStatus(), "adopted");
    String console = h.consoleText(id);
    assertTrue(console.contains("ECSBOX-READY instance-id=" + id + " hostname=restart-vm"), console);
    h.waitUntil(leftoverDir + " to be removed", STATE, () -> Files.exists(leftoverDir), exists -> !exists, null);
    assertEquals("shut off", EcsboxHarness.host().state(FOREIGN).orElse("<absent>"), "foreign domain untouched");
    assertTrue(EcsboxHarness.host().xml(FOREIGN).contains(disk.toString()));
    assertEquals(1, h.totalInstances());

    EcsboxHarness.host().remove(FOREIGN);
    assertTrue(EcsboxHarness.host().state(FOREIGN).isEmpty());
  }

  @Test
  @Order(3)
  void restartLeavesAnotherDaemonsInstancesAlone() throws Exception {
    // Same metadata as ours, but its disk lives under another daemon's data dir.
    Path otherDir = EcsboxHarness.SESSION_DIR.resolve("other-daemon/instances").resolve(OTHER_DAEMONS);
    String mark = "<metadata><ecsbox:instance xmlns:ecsbox='https://ecsbox.io/xmlns/instance/1'>"
        + "<ecsbox:id>" + OTHER_DAEMONS + "</ecsbox:id><ecsbox:type>ecs.t5-lc2m1.nano</ecsbox:type>"
        + "</ecsbox:instance></metadata>";
    EcsboxHarness.host().define(domainXml(OTHER_DAEMONS, otherDir.resolve("system.qcow2"), mark));

    h.restart();
    h.waitForStatus(id, "Running", STATE);
    Thread.sleep(3000); // orphans are released in the background; give it a chance to (wrongly) act
    assertEquals("shut off", EcsboxHarness.host().state(OTHER_DAEMONS).orElse("<absent>"),
        "another data dir's instance must survive this daemon's start");
    EcsboxHarness.host().remove(OTHER_DAEMONS);
  }

  @Test
  @Order(4)
  void deleteCleansUp() throws Exception {
    DeleteInstanceRequest d = new DeleteInstanceRequest();
    d.setInstanceId(id);
    d.setForce(true);
    h.call(d);
    h.waitUntilGone(id, STATE);
    h.waitUntil(id + " domain and directory to go", STATE,
        () -> EcsboxHarness.host().state(id).isPresent() || Files.exists(h.instanceDir(id)), busy -> !busy, null);
    assertEquals(0, h.totalInstances());
  }

  private static String domainXml(String name, Path disk, String metadata) {
    return "<domain type='qemu'><name>" + name + "</name>" + metadata
        + "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
        + "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
        + "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
        + "<source file='" + disk + "'/><target dev='vda' bus='virtio'/></disk>"
        + "</devices></domain>";
  }

  private static void qemuImgCreate(Path file) throws Exception {
    Process p = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", file.toString(), "16M")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "qemu-img create: " + out);
  }

  private static String rand(int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
