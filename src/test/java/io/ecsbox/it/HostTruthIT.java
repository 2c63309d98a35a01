package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.config.DaemonConfig;
import io.ecsbox.daemon.Daemon;
import io.ecsbox.host.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the API says is what the host has: an instance being deleted stays listed (Stopping)
 * until nothing of it is left, so its security group and vSwitch can be deleted the moment it
 * is gone; a guest started behind ecsbox's back shows Running; a data dir QEMU cannot enter
 * is fixed or refused at start.
 */
class HostTruthIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static EcsboxHarness h;
  private static StorageKit api;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("hosttruth");
    api = new StorageKit(h);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anInstanceStaysListedUntilNothingOfItBlocksTheNextDelete() throws Exception {
    String vpc = api.call("CreateVpc", "CidrBlock", "10.66.0.0/16").path("VpcId").asText();
    String vsw = api.call("CreateVSwitch", "VpcId", vpc, "ZoneId", EcsboxHarness.ZONE, "CidrBlock", "10.66.1.0/24")
        .path("VSwitchId").asText();
    String sg = api.call("CreateSecurityGroup", "VpcId", vpc).path("SecurityGroupId").asText();
    String id = api.call("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "VSwitchId", vsw, "SecurityGroupId", sg).path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
    h.track(List.of(id));
    h.waitForStatus(id, "Running", EcsboxHarness.BOOT);

    // stopped through the API, started behind its back: the API follows the host
    api.call("StopInstance", "InstanceId", id, "ForceStop", "true");
    h.waitForStatus(id, "Stopped", T);
    new CommandRunner().run(List.of("virsh", "-c", EcsboxHarness.LIBVIRT_URI, "start", id), T);
    h.waitForStatus(id, "Running", T);

    api.call("DeleteInstance", "InstanceId", id, "Force", "true");
    List<String> seen = new ArrayList<>();
    h.waitUntil(id + " to leave DescribeInstances", Duration.ofSeconds(60), () -> {
      try {
        String s = h.describe(id).map(i -> i.getStatus()).orElse("gone");
        seen.add(s);
        return s;
      } catch (com.aliyuncs.exceptions.ClientException e) {
        return "<" + e.getErrCode() + ">";
      }
    }, "gone"::equals, null);
    // the moment it is not listed, nothing of it is left and nothing it held blocks a call
    assertEquals(List.of(), EcsboxHarness.host().namesUsing(h.dataDir()), "libvirt domains");
    assertFalse(Files.exists(h.instanceDir(id)), "instance directory");
    api.call("DeleteSecurityGroup", "SecurityGroupId", sg);
    api.call("DeleteVSwitch", "VSwitchId", vsw);
    api.call("DeleteVpc", "VpcId", vpc);
    assertTrue(seen.stream().allMatch(s -> s.equals("Stopping") || s.equals("gone")), "while listed: " + seen);
    assertTrue(seen.contains("Stopping"), "listed as Stopping while released: " + seen);
  }

  @Test
  void aDataDirQemuCannotEnterIsFixedAndOneUnderAClosedParentIsRefused() throws Exception {
    Path own = Files.createTempDirectory(EcsboxHarness.SESSION_DIR, "mktemp"); // 0700, like mktemp -d
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
    try (Daemon d = Daemon.start(config(own))) {
      assertTrue(d.port() > 0);
    } finally {
      NetworkCleanup.forDataDir(own); // its firewall hook and chains
    }
    assertEquals("rwx-----x", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)),
        "traversable by QEMU's user, readable by nobody else");

    Path closed = Files.createTempDirectory(EcsboxHarness.SESSION_DIR, "closed");
    Path under = Files.createDirectories(closed.resolve("data"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Daemon.start(config(under)));
    assertTrue(e.getMessage().contains("chmod o+x " + closed), e.getMessage());
    assertEquals(List.of("daemon.lock"), Files.list(under).map(p -> p.getFileName().toString()).toList(),
        "nothing made but the lock");
  }

  private static DaemonConfig config(Path dataDir) {
    return DaemonConfig.load(Map.of(), new DaemonConfig.Flags(dataDir.toString(), "127.0.0.1:0",
        EcsboxHarness.LIBVIRT_URI));
  }
}
