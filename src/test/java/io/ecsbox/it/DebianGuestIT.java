package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.common.GuestReady;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Debian 12 image (images/build-debian.sh) through the API, logged into with the
 * host's OpenSSH client from an "internet" network namespace on the daemon's public uplink:
 * guest "nocloud" (ecsbox-debian-12: cloud-init reads the NoCloud drive) gets a key pair from
 * CreateKeyPair and a Password; guest "aliyun" (ecsbox-debian-12-aliyun: cloud-init reads only
 * the metadata service at 100.100.100.200) gets the key pair. Both are launched at once.
 */
class DebianGuestIT {
  private static final CommandRunner RUN = new CommandRunner();
  private static final Duration T = Duration.ofSeconds(30);
  /** systemd + cloud-init under TCG on a loaded host: far slower than the tiny image. */
  private static final Duration BOOT = Duration.ofSeconds(Long.getLong("ecsbox.it.debianBootSeconds", 900));
  private static final Pattern FINISHED = Pattern.compile("Cloud-init v\\. \\S+ finished at [^\\r\\n]*");
  private static final String PASSWORD = "Deb1an-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  private static final String TAG = Long.toString(ThreadLocalRandom.current().nextLong(1L << 25, 1L << 30), 36);
  private static final String BRIDGE = "edbu" + TAG;
  private static final String INET = "ecsboxit-" + TAG + "-deb";
  private static final String INET_VETH = "edbi" + TAG;
  private static EcsboxHarness h;
  private static StorageKit api;
  private static Path dir;
  private static Path key;
  private static String nocloud;
  private static String aliyun;
  private static long launchedAt;

  @BeforeAll
  static void start() throws Exception {
    EcsboxHarness.buildDebianImages();
    RUN.run("ip", "link", "add", BRIDGE, "type", "bridge");
    RUN.run("ip", "link", "set", BRIDGE, "up");
    RUN.run("ip", "netns", "add", INET);
    RUN.run("ip", "link", "add", INET_VETH, "type", "veth", "peer", "name", "eth0", "netns", INET);
    RUN.run("ip", "link", "set", INET_VETH, "master", BRIDGE, "up");
    RUN.run("ip", "-n", INET, "link", "set", "lo", "up");
    RUN.run("ip", "-n", INET, "link", "set", "eth0", "up");
    RUN.run("ip", "-n", INET, "addr", "add", "203.0.113.1/24", "dev", "eth0");
    h = EcsboxHarness.start("debian", List.of(),
        Map.of("ECSBOX_EIP_CIDR", "203.0.113.0/24", "ECSBOX_EIP_UPLINK", BRIDGE),
        List.of("ecsbox-debian-12", "ecsbox-debian-12-aliyun"));
    api = new StorageKit(h);
    dir = Files.createTempDirectory("ecsbox-debianit");
    key = dir.resolve("id_rsa");
    String pem = api.call("CreateKeyPair", "KeyPairName", "debian-it").path("PrivateKeyBody").asText();
    Files.writeString(key, pem.endsWith("\n") ? pem : pem + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    launchedAt = System.nanoTime();
    nocloud = run("ecsbox-debian-12", "deb-nocloud", "Password", PASSWORD);
    aliyun = run("ecsbox-debian-12-aliyun", "deb-aliyun");
    String sg = describe(nocloud).path("SecurityGroupIds").path("SecurityGroupId").get(0).asText();
    api.call("AuthorizeSecurityGroup", "SecurityGroupId", sg, "IpProtocol", "tcp", "PortRange", "22/22",
        "SourceCidrIp", "0.0.0.0/0");
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (api != null) {
        api.close();
      }
      if (h != null) {
        h.close(); // deletes the instances, then the daemon's namespaces and bridges
      }
    } finally {
      RUN.runAllowingFailure(List.of("ip", "netns", "del", INET), T);
      RUN.runAllowingFailure(List.of("ip", "link", "del", INET_VETH), T);
      RUN.runAllowingFailure(List.of("ip", "link", "del", BRIDGE), T);
      if (dir != null) {
        EcsboxHarness.deleteTree(dir);
      }
    }
  }

  private static String run(String image, String hostName, String... extra) {
    List<String> kv = new ArrayList<>(List.of("ImageId", image, "InstanceType", EcsboxHarness.NANO,
        "HostName", hostName, "KeyPairName", "debian-it", "InternetMaxBandwidthOut", "10"));
    kv.addAll(List.of(extra));
    String id = api.call("RunInstances", kv.toArray(String[]::new)).path("InstanceIdSets").path("InstanceIdSet")
        .get(0).asText();
    h.track(List.of(id));
    return id;
  }

  private static JsonNode describe(String id) {
    return api.call("DescribeInstances", "InstanceIds", "[\"" + id + "\"]").path("Instances").path("Instance").get(0);
  }

  private static String publicIp(String id) {
    return describe(id).path("PublicIpAddress").path("IpAddress").get(0).asText();
  }

  /** Waits for cloud-init's finished line on the console; prints the time from launch. */
  private static String finished(String id) {
    String text = h.waitForConsoleLine(id, FINISHED, 1, BOOT);
    var m = FINISHED.matcher(text);
    assertTrue(m.find());
    assertEquals(m.group().strip(), GuestReady.firstLine(text), "instance run --wait takes this line as ready");
    System.out.printf("DebianGuestIT: %s ready %.1f s after RunInstances: %s%n", id,
        (System.nanoTime() - launchedAt) / 1e9, m.group().strip());
    return m.group();
  }

  /** {@code ssh root@ip hostname} from the internet namespace; null until it works. */
  private static String ssh(String ip, boolean withPassword) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", INET, "ssh", "-F", "none",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5",
        "-o", "LogLevel=ERROR"));
    if (withPassword) {
      cmd.addAll(List.of("-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
          "-o", "NumberOfPasswordPrompts=1"));
    } else {
      cmd.addAll(List.of("-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", key.toString()));
    }
    cmd.addAll(List.of("root@" + ip, "hostname"));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
      if (withPassword) {
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho '" + PASSWORD + "'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        pb.environment().put("SSH_ASKPASS", askpass.toString());
        pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
        pb.environment().put("DISPLAY", ":0");
      }
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      System.out.println("DebianGuestIT: ssh " + (withPassword ? "(password) " : "") + ip + ": exit " + p.exitValue()
          + ": " + out);
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String sshUntil(String id, boolean withPassword) {
    String ip = publicIp(id);
    return h.waitUntil("ssh root@" + ip + (withPassword ? " with the password" : " with the key pair"),
        Duration.ofSeconds(90), () -> ssh(ip, withPassword), out -> out != null, id);
  }

  @Test
  void theNoCloudDriveGivesTheKeyPairAndHostNameToRoot() {
    assertTrue(finished(nocloud).contains("DataSourceNoCloud"), "cloud-init read the NoCloud drive");
    assertEquals("deb-nocloud", sshUntil(nocloud, false));
  }

  @Test
  void theMetadataServiceAloneGivesTheKeyPairAndHostName() {
    assertTrue(finished(aliyun).contains("DataSourceAliYun"), "cloud-init read 100.100.100.200");
    assertEquals("deb-aliyun", sshUntil(aliyun, false));
  }

  @Test
  void thePasswordLogsRootIn() {
    finished(nocloud);
    assertEquals("deb-nocloud", sshUntil(nocloud, true));
  }
}
