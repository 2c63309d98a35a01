package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.host.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logging into tiny guests over SSH (dropbear in the image), the way a user does: the
 * OpenSSH client runs in a test "internet" namespace on the daemon's EIP uplink (a bridge
 * of this run, no physical port) and reaches each guest on its NAT public IP, port 22
 * allowed by its security group. Keys come from the API's key pairs; a password from a
 * cloud-config chpasswd in user data.
 */
class TinySshIT {
  private static final CommandRunner RUN = new CommandRunner();
  private static final String TAG = Long.toString(ThreadLocalRandom.current().nextLong(1L << 25, 1L << 30), 36);
  private static final TestInternet INTERNET = new TestInternet("tss", TAG);
  private static final String INET = INTERNET.namespace();
  private static final String PASSWORD = "Tiny-" + TAG + "-pw1";
  private static EcsboxHarness h;
  private static StorageKit api;
  private static Path dir;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("ecsbox-tinyssh");
    INTERNET.create("203.0.113.1/24");
    h = EcsboxHarness.start("tinyssh", List.of(), Map.of("ECSBOX_EIP_CIDR", "203.0.113.0/24",
        "ECSBOX_EIP_UPLINK", INTERNET.bridge()));
    api = new StorageKit(h);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (h != null) {
      h.close();
    }
    INTERNET.close();
    EcsboxHarness.deleteTree(dir);
  }

  /** A file only root can read (ssh refuses a private key others can read). */
  private static Path secret(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  /** Runs an instance with a public IP; port 22 open in its group. Returns {id, public IP}. */
  private static String[] run(String... extra) {
    List<String> kv = new ArrayList<>(List.of("ImageId", EcsboxHarness.IMAGE_ID, "InstanceType",
        EcsboxHarness.NANO, "InternetMaxBandwidthOut", "5"));
    kv.addAll(List.of(extra));
    String id = api.call("RunInstances", kv.toArray(String[]::new)).path("InstanceIdSets").path("InstanceIdSet")
        .get(0).asText();
    h.track(List.of(id));
    JsonNode i = describe(id);
    String sg = i.path("SecurityGroupIds").path("SecurityGroupId").get(0).asText();
    api.call("AuthorizeSecurityGroup", "SecurityGroupId", sg, "IpProtocol", "tcp", "PortRange", "22/22",
        "SourceCidrIp", "0.0.0.0/0");
    h.waitForConsoleLine(id, EcsboxHarness.READY, 1, EcsboxHarness.BOOT);
    return new String[] {id, i.path("PublicIpAddress").path("IpAddress").get(0).asText()};
  }

  private static JsonNode describe(String id) {
    return api.call("DescribeInstances", "InstanceIds", "[\"" + id + "\"]").path("Instances").path("Instance").get(0);
  }

  /** {@code ssh root@ip hostname} from the internet namespace with one way to log in. */
  private static CommandRunner.Result ssh(String ip, List<String> auth) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", INET));
    argv.addAll(auth);
    argv.addAll(List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR", "root@" + ip, "hostname"));
    return RUN.runAllowingFailure(argv, Duration.ofSeconds(60));
  }

  private static List<String> withKey(Path key) {
    return List.of("ssh", "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
        "-o", "PreferredAuthentications=publickey");
  }

  private static List<String> withPassword(String password) throws IOException {
    Path askpass = secret("askpass-" + Integer.toHexString(password.hashCode()), "#!/bin/sh\necho '" + password + "'\n");
    return List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=none", "setsid", "-w",
        "ssh", "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "PubkeyAuthentication=no",
        "-o", "NumberOfPasswordPrompts=1");
  }

  /**
   * Waits until sshd answers at all (the guest's NIC, NAT and port 22 are up): a refused
   * login (exit 255 with "Permission denied") or a success. Returns the first real answer.
   */
  private static CommandRunner.Result firstAnswer(String id, String ip, List<String> auth) {
    return h.waitUntil("sshd of " + id + " at " + ip + " to answer", EcsboxHarness.BOOT, () -> ssh(ip, auth),
        r -> r.exitCode() == 0 || r.stderr().contains("Permission denied"), id);
  }

  private static String hostName(String id) {
    return describe(id).path("HostName").asText();
  }

  private static void assertLogsIn(String id, String ip, List<String> auth, String how) {
    CommandRunner.Result r = firstAnswer(id, ip, auth);
    assertEquals(0, r.exitCode(), how + " was refused: " + r.stderr() + "\n" + console(id));
    assertEquals(hostName(id), r.stdout().strip(), how);
  }

  private static void assertRefused(String id, String ip, List<String> auth, String how) {
    CommandRunner.Result r = firstAnswer(id, ip, auth);
    assertEquals(255, r.exitCode(), how + " logged in: " + r.stdout());
    assertTrue(r.stderr().contains("Permission denied"), how + ": " + r.stderr());
  }

  private static String console(String id) {
    try {
      return h.consoleText(id);
    } catch (Exception e) {
      return "(console unreadable: " + e.getMessage() + ")";
    }
  }

  /** StopInstance, then StartInstance: the next start, when key pairs and passwords apply. */
  private static void restart(String id) {
    api.call("StopInstance", "InstanceId", id);
    h.waitForStatus(id, "Stopped", EcsboxHarness.BOOT);
    api.call("StartInstance", "InstanceId", id);
    h.waitForStatus(id, "Running", EcsboxHarness.BOOT);
  }

  /** A user's own MIME multipart (CRLF, a base64 script part), as some tools write it. */
  private static String multipart(String marker) {
    String b = "==tiny-" + TAG + "==";
    return "Content-Type: multipart/mixed;\r\n boundary=\"" + b + "\"\r\nMIME-Version: 1.0\r\n\r\n"
        + "--" + b + "\r\nContent-Type: text/x-shellscript; charset=\"us-ascii\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder().encodeToString(("#!/bin/sh\necho " + marker + "\n").getBytes(StandardCharsets.UTF_8))
        + "\r\n--" + b + "--\r\n";
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** CreateKeyPair's private key, written 0600 for ssh -i. */
  private static Path keyPair(String name) throws IOException {
    JsonNode k = api.call("CreateKeyPair", "KeyPairName", name);
    return secret(name + ".pem", k.path("PrivateKeyBody").asText());
  }

  @Test
  void theKeyPairLogsInAnotherIsRefusedAndAttachOrDetachTakesEffectAtTheNextStart() throws IOException {
    String a = "tinyssh-a-" + TAG;
    String b = "tinyssh-b-" + TAG;
    Path keyA = keyPair(a);
    Path keyB = keyPair(b);
    String[] vm = run("KeyPairName", a);
    assertLogsIn(vm[0], vm[1], withKey(keyA), "key pair " + a);
    assertRefused(vm[0], vm[1], withKey(keyB), "a key pair not bound to the instance");
    assertRefused(vm[0], vm[1], withPassword(""), "an empty password");
    api.call("DetachKeyPair", "KeyPairName", a, "InstanceIds", "[\"" + vm[0] + "\"]");
    restart(vm[0]);
    assertRefused(vm[0], vm[1], withKey(keyA), "the detached key pair after the next start");
    api.call("AttachKeyPair", "KeyPairName", b, "InstanceIds", "[\"" + vm[0] + "\"]");
    restart(vm[0]);
    assertLogsIn(vm[0], vm[1], withKey(keyB), "the attached key pair " + b + " after the next start");
    assertRefused(vm[0], vm[1], withKey(keyA), "the old key pair " + a);
  }

  @Test
  void thePasswordLogsInAndAChangedOneAppliesAtTheNextStartAndAGuestWithNeitherHasNoWayIn() throws IOException {
    String marker = EcsboxHarness.marker("ud");
    String bareMarker = EcsboxHarness.marker("ud");
    String[] withPw = run("Password", PASSWORD, "UserData", base64("#!/bin/sh\necho " + marker + "\n"));
    String[] bare = run("UserData", base64(multipart(bareMarker)));
    assertLogsIn(withPw[0], withPw[1], withPassword(PASSWORD), "the instance's Password");
    assertTrue(console(withPw[0]).contains(marker), "the user's script ran beside the password part:\n"
        + console(withPw[0]));
    assertRefused(withPw[0], withPw[1], withPassword(PASSWORD + "x"), "a wrong password");
    assertTrue(console(bare[0]).contains(bareMarker), "the base64 script part of a CRLF multipart ran:\n"
        + console(bare[0]));
    assertRefused(bare[0], bare[1], withPassword(""), "an empty password on a guest without one");
    assertRefused(bare[0], bare[1], withPassword(PASSWORD), "a password on a guest without one");
    String next = "Tiny-" + TAG + "-pw2";
    api.call("ModifyInstanceAttribute", "InstanceId", withPw[0], "Password", next);
    restart(withPw[0]);
    assertLogsIn(withPw[0], withPw[1], withPassword(next), "the changed password after the next start");
    assertRefused(withPw[0], withPw[1], withPassword(PASSWORD), "the old password");
  }
}
