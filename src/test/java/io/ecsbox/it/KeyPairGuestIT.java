package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key pair from the API into a real tiny guest: the config drive's meta-data (read back from
 * the ISO with xorriso) and the metadata service as the guest sees it, at every start. The
 * guest's user data installs a probe that runs at each boot and prints, numbered by boot, what
 * 100.100.100.200 answers at public-keys/0/openssh-key.
 */
class KeyPairGuestIT {
  private static final Duration BOOT = EcsboxHarness.BOOT;
  private static EcsboxHarness h;
  private static StorageKit api;
  private static AccountClient other;
  @TempDir Path dir;

  /** Boot-numbered probe of the metadata service, run now and (from /etc/inittab) at every boot. */
  private static final String PROBE = "#!/bin/sh\n"
      + "cat >/etc/kp-probe <<'EOF'\n"
      + "#!/bin/sh\n"
      + "b=$(( $(cat /var/lib/kp-boot 2>/dev/null || echo 0) + 1 )); echo $b >/var/lib/kp-boot\n"
      + "M=http://100.100.100.200/latest\n"
      + "n=0; while [ $n -lt 90 ]; do\n"
      + "  if timeout 3 wget -q -O /dev/null $M/meta-data/instance-id 2>/dev/null; then\n"
      + "    k=$(timeout 3 wget -q -O - $M/meta-data/public-keys/0/openssh-key 2>/dev/null) || k=none\n"
      + "    echo \"ECSBOX-KEY boot=$b $k\" >/dev/ttyS0\n"
      + "    v=$(timeout 3 wget -q -O - $M/vendor-data 2>/dev/null | grep -o 'password: [^,]*') || v=none\n"
      + "    echo \"ECSBOX-VENDOR boot=$b $v\" >/dev/ttyS0; exit 0\n"
      + "  fi\n"
      + "  n=$((n + 1)); sleep 1\n"
      + "done\n"
      + "EOF\n"
      + "chmod 755 /etc/kp-probe\n"
      + "echo '::once:/etc/kp-probe' >>/etc/inittab\n"
      + "/etc/kp-probe </dev/null >/dev/null 2>&1 &\n";

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("kpguest");
    api = new StorageKit(h);
    other = AccountClient.create(h, "kp-other");
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (h != null) {
      h.close();
    }
  }

  private String publicKey(String name, RawApi as) throws Exception {
    Path key = dir.resolve(name);
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen");
    Map<String, String> params = as.params("ImportKeyPair");
    params.put("KeyPairName", name);
    params.put("PublicKeyBody", Files.readString(dir.resolve(name + ".pub")));
    assertEquals(200, as.send(params).status());
    String[] f = Files.readString(dir.resolve(name + ".pub")).strip().split(" ");
    return f[0] + " " + f[1]; // as ecsbox keeps it: without the comment
  }

  private static String code(String action, String... kv) {
    return api.error(action, kv);
  }

  /** A tiny guest running the probe, with the key pair (null: none). */
  private static String run(String keyPair) {
    String[] kv = {"ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO, "HostName", "kp-guest",
        "UserData", Base64.getEncoder().encodeToString(PROBE.getBytes(StandardCharsets.UTF_8))};
    JsonNode r = api.call("RunInstances", keyPair == null ? kv : concat(kv, "KeyPairName", keyPair));
    String id = r.path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
    h.track(List.of(id));
    return id;
  }

  /** The files of the instance's NoCloud drive, extracted with xorriso. */
  private Map<String, String> drive(String id) throws Exception {
    Path out = Files.createTempDirectory(dir, "iso");
    Path iso = h.instanceDir(id).resolve("config.iso");
    Process p = new ProcessBuilder("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/",
        out.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "xorriso: " + log);
    Map<String, String> files = new TreeMap<>();
    try (var s = Files.list(out)) {
      for (Path f : s.toList()) {
        files.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static String metaData(String id, String key) {
    return "instance-id: " + id + "\nlocal-hostname: kp-guest\n" + (key == null ? "" : "public-keys:\n  - " + key + "\n");
  }

  private static String keyLine(String id, int boot) {
    return probeLine(id, "KEY", boot);
  }

  private static String probeLine(String id, String what, int boot) {
    Pattern p = Pattern.compile("ECSBOX-" + what + " boot=" + boot + " ([^\\r\\n]*)");
    return EcsboxHarness.find(p, h.waitForConsoleLine(id, p, 1, BOOT), 1);
  }

  private static void restart(String id) {
    api.call("StopInstance", "InstanceId", id);
    h.waitForStatus(id, "Stopped", BOOT);
    api.call("StartInstance", "InstanceId", id);
    h.waitForStatus(id, "Running", BOOT);
  }

  private static List<String> withKeyPair(String name) {
    JsonNode r = api.call("DescribeInstances", "KeyPairName", name);
    List<String> ids = new java.util.ArrayList<>();
    r.path("Instances").path("Instance").forEach(i -> ids.add(i.path("InstanceId").asText()));
    return ids;
  }

  @Test
  void theKeyReachesTheGuestAtEachStartAndAttachDetachWaitForTheNext() throws Exception {
    int before = h.totalInstances();
    String key = publicKey("guest-key", h.raw());
    publicKey("their-key", other.raw());
    assertEquals("InvalidKeyPairName.NotFound", code("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID,
        "InstanceType", EcsboxHarness.NANO, "KeyPairName", "no-such-key"));
    assertEquals("InvalidKeyPairName.NotFound", code("RunInstances", "ImageId", EcsboxHarness.IMAGE_ID,
        "InstanceType", EcsboxHarness.NANO, "KeyPairName", "their-key"), "another account's key pair");
    assertEquals(before, h.totalInstances(), "a refused launch makes nothing");

    String id = run("guest-key");
    assertEquals(List.of(id), withKeyPair("guest-key"));
    assertEquals(List.of(), withKeyPair("their-key"));
    assertEquals("guest-key", api.call("DescribeInstanceAttribute", "InstanceId", id).path("KeyPairName").asText());
    h.waitForStatus(id, "Running", BOOT);
    assertEquals(metaData(id, key), drive(id).get("meta-data"));
    assertEquals(key, keyLine(id, 1), "the guest read its key from the metadata service");

    assertEquals("InvalidParameter.KeypairAlreadyAttachedInstance",
        code("DeleteKeyPairs", "KeyPairNames", "[\"guest-key\"]"));
    JsonNode d = api.call("DetachKeyPair", "KeyPairName", "guest-key", "InstanceIds", "[\"" + id + "\",\"i-none\"]");
    assertEquals("2", d.path("TotalCount").asText());
    assertEquals("1", d.path("FailCount").asText());
    JsonNode ok = d.path("Results").path("Result").get(0);
    assertEquals(List.of(id, "true", "200"), List.of(ok.path("InstanceId").asText(), ok.path("Success").asText(),
        ok.path("Code").asText()));
    assertEquals("InvalidInstanceId.NotFound", d.path("Results").path("Result").get(1).path("Code").asText());
    assertEquals("", api.call("DescribeInstanceAttribute", "InstanceId", id).path("KeyPairName").asText());
    assertEquals(metaData(id, key), drive(id).get("meta-data"), "a running guest keeps its drive");

    restart(id);
    assertEquals("none", keyLine(id, 2), "detached at the next start: public-keys/ is 404");
    assertEquals(metaData(id, null), drive(id).get("meta-data"));

    api.call("StopInstance", "InstanceId", id);
    h.waitForStatus(id, "Stopped", BOOT);
    JsonNode a = api.call("AttachKeyPair", "KeyPairName", "guest-key", "InstanceIds", "[\"" + id + "\"]");
    assertEquals("0", a.path("FailCount").asText());
    assertEquals("InvalidKeyPairName.NotFound",
        code("AttachKeyPair", "KeyPairName", "their-key", "InstanceIds", "[\"" + id + "\"]"));
    assertEquals(metaData(id, null), drive(id).get("meta-data"), "written at start, not before");
    api.call("StartInstance", "InstanceId", id);
    h.waitForStatus(id, "Running", BOOT);
    assertEquals(key, keyLine(id, 3), "attached while stopped: the guest has it at start");
    assertEquals(metaData(id, key), drive(id).get("meta-data"));
    assertFalse(drive(id).containsKey("vendor-data"));
  }

  /** The daemon's log lines while {@code work} runs, io.ecsbox at DEBUG. */
  private static String daemonLog(ThrowingRunnable work) throws Exception {
    ch.qos.logback.classic.LoggerContext ctx = (ch.qos.logback.classic.LoggerContext)
        org.slf4j.LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger ours = ctx.getLogger("io.ecsbox");
    ch.qos.logback.classic.Level was = ours.getLevel();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ch.qos.logback.classic.encoder.PatternLayoutEncoder enc = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
    enc.setContext(ctx);
    enc.setPattern("%d %level [%thread] %logger - %msg%n%ex");
    enc.start();
    ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> app =
        new ch.qos.logback.core.OutputStreamAppender<>();
    app.setContext(ctx);
    app.setEncoder(enc);
    app.setOutputStream(out);
    app.start();
    ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(app);
    ours.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      work.run();
    } finally {
      ours.setLevel(was);
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(app);
      app.stop();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Every file under {@code root} that holds {@code needle} (as UTF-8 bytes). */
  private static List<Path> filesHolding(Path root, String needle) throws Exception {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    List<Path> hits = new java.util.ArrayList<>();
    try (var walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        byte[] b;
        try {
          b = Files.readAllBytes(f);
        } catch (java.io.IOException e) {
          continue; // gone meanwhile (a part file)
        }
        for (int i = 0; i + n.length <= b.length; i++) {
          if (java.util.Arrays.equals(b, i, i + n.length, n, 0, n.length)) {
            hits.add(f);
            break;
          }
        }
      }
    }
    return hits;
  }

  /** The parts of a MIME multipart as Python's email module (cloud-init's parser) sees them. */
  private static String pythonParts(Path file) throws Exception {
    String py = "import email,sys\n"
        + "m=email.message_from_bytes(open(sys.argv[1],'rb').read())\n"
        + "print(m.is_multipart())\n"
        + "for p in m.walk():\n"
        + "  if p.is_multipart(): continue\n"
        + "  print(p.get_content_type(), p.get('Merge-Type'), len(p.get_payload(decode=True)))\n";
    Process p = new ProcessBuilder("python3", "-c", py, file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "python3: " + out);
    return out;
  }

  @Test
  void aPasswordReachesTheGuestAsAHashAndNowhereAsPlaintext() throws Exception {
    String plain = "Kp-" + EcsboxHarness.marker("pw").substring(3, 15) + "x9!";
    String[] launch = {"ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO};
    int before = h.totalInstances();
    String log = daemonLog(() -> {
      assertEquals("InvalidPassword.Malformed", code("RunInstances", concat(launch, "Password", "short1A")));
      assertEquals("InvalidPassword.Malformed", code("RunInstances", concat(launch, "Password", "alllowercase1")));
      assertEquals("InvalidParameter.Conflict", code("RunInstances",
          concat(launch, "Password", plain, "PasswordInherit", "true")));
      assertEquals(before, h.totalInstances(), "refused launches make nothing");

      String id = run(null);
      h.waitForStatus(id, "Running", BOOT);
      assertEquals("none", probeLine(id, "VENDOR", 1), "no password: no vendor-data");
      assertEquals("InvalidPassword.Malformed",
          code("ModifyInstanceAttribute", "InstanceId", id, "Password", "Short1!"));
      api.call("ModifyInstanceAttribute", "InstanceId", id, "Password", plain);
      assertEquals(PROBE, drive(id).get("user-data"), "a running guest keeps its drive");
      restart(id);
      String vendor = probeLine(id, "VENDOR", 2);
      String hash = vendor.replaceAll("^password: '([^']*)'.*$", "$1");
      assertEquals(hash, org.apache.commons.codec.digest.Sha2Crypt.sha512Crypt(
          plain.getBytes(StandardCharsets.UTF_8), hash), "the guest got the hash of the password: " + vendor);

      Path userData = dir.resolve("user-data");
      Files.writeString(userData, drive(id).get("user-data"));
      String parts = pythonParts(userData);
      assertTrue(parts.startsWith("True\ntext/cloud-config " + "list(append)+dict(recurse_array)+str()"), parts);
      assertTrue(parts.contains("\ntext/x-shellscript list(append)+dict(recurse_array)+str() "
          + PROBE.getBytes(StandardCharsets.UTF_8).length + "\n"), parts);
      assertTrue(drive(id).get("user-data").contains("password: '" + hash + "', type: hash"));
      assertTrue(drive(id).get("user-data").contains(PROBE), "the user's script, byte for byte");
      assertEquals(Base64.getEncoder().encodeToString(PROBE.getBytes(StandardCharsets.UTF_8)),
          api.call("DescribeUserData", "InstanceId", id).path("UserData").asText(), "only the user's own");
      assertFalse(api.call("DescribeInstanceAttribute", "InstanceId", id).toString().contains(hash));
    });
    assertEquals(List.of(), filesHolding(h.dataDir(), plain), "the plaintext is in no file of the data dir");
    assertFalse(log.contains(plain), "nor in the daemon's log");
    assertTrue(log.contains("InstanceOperations"), "the log was captured: " + log.length());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
