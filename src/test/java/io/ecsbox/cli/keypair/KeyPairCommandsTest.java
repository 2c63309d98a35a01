package io.ecsbox.cli.keypair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.CliHarness;
import io.ecsbox.cli.common.FakeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPairCommandsTest {
  private static final String MADE = "{\"KeyPairName\":\"lab\",\"KeyPairId\":\"kp-1\","
      + "\"KeyPairFingerPrint\":\"0123456789abcdef0123456789abcdef\",\"PrivateKeyBody\":\"-----BEGIN PRIVATE KEY-----\\n"
      + "AAAA\\n-----END PRIVATE KEY-----\\n\"}";
  private final FakeApi api = new FakeApi();
  private final CliHarness cli = new CliHarness(api);
  @TempDir Path dir;

  @Test
  void createWritesThePrivateKey0600AndNeverOverwrites() throws Exception {
    api.on("CreateKeyPair", MADE);
    Path out = dir.resolve("lab.pem");
    CliHarness.Result r = cli.run("keypair", "create", "--name", "lab", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readString(out).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(Map.of("KeyPairName", "lab"), api.calls("CreateKeyPair").get(0).params());

    CliHarness.Result again = cli.run("keypair", "create", "--name", "lab2", "--out", out.toString());
    assertEquals(2, again.exit());
    assertEquals(1, api.calls("CreateKeyPair").size(), "no key pair is made that could not be kept");
  }

  @Test
  void importSendsTheFileAndDeleteSendsAJsonArray() throws Exception {
    Path pub = dir.resolve("id.pub");
    Files.writeString(pub, "ssh-ed25519 AAAA me@lab\n");
    api.on("ImportKeyPair", "{\"KeyPairName\":\"me\",\"KeyPairFingerPrint\":\"ab\"}");
    assertEquals(0, cli.run("keypair", "import", "--name", "me", "--public-key-file", pub.toString()).exit());
    assertEquals(Map.of("KeyPairName", "me", "PublicKeyBody", "ssh-ed25519 AAAA me@lab"),
        api.calls("ImportKeyPair").get(0).params());
    assertEquals(0, cli.run("keypair", "delete", "me", "lab").exit());
    assertEquals(Map.of("KeyPairNames", "[\"me\",\"lab\"]"), api.calls("DeleteKeyPairs").get(0).params());
  }

  @Test
  void attachAndDetachSendAJsonArrayAndFailWhenAnInstanceFailed() {
    api.on("AttachKeyPair", "{\"KeyPairName\":\"lab\",\"TotalCount\":\"1\",\"FailCount\":\"0\",\"Results\":"
        + "{\"Result\":[{\"InstanceId\":\"i-1\",\"Success\":\"true\",\"Code\":\"200\",\"Message\":\"successful\"}]}}");
    CliHarness.Result r = cli.run("keypair", "attach", "--name", "lab", "i-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("i-1: attached (takes effect at its next start)\n", r.out());
    assertEquals(Map.of("KeyPairName", "lab", "InstanceIds", "[\"i-1\"]"), api.calls("AttachKeyPair").get(0).params());

    api.on("DetachKeyPair", "{\"KeyPairName\":\"lab\",\"TotalCount\":\"2\",\"FailCount\":\"1\",\"Results\":"
        + "{\"Result\":[{\"InstanceId\":\"i-1\",\"Success\":\"true\",\"Code\":\"200\",\"Message\":\"successful\"},"
        + "{\"InstanceId\":\"i-2\",\"Success\":\"false\",\"Code\":\"InvalidInstanceId.NotFound\",\"Message\":\"no\"}]}}");
    CliHarness.Result d = cli.run("keypair", "detach", "--name", "lab", "i-1", "i-2");
    assertEquals(1, d.exit());
    assertEquals("i-1: detached (takes effect at its next start)\ni-2: InvalidInstanceId.NotFound: no\n", d.out());
    assertEquals(Map.of("KeyPairName", "lab", "InstanceIds", "[\"i-1\",\"i-2\"]"),
        api.calls("DetachKeyPair").get(0).params());
  }

  @Test
  void listPrintsATable() {
    api.on("DescribeKeyPairs", "{\"TotalCount\":1,\"KeyPairs\":{\"KeyPair\":[{\"KeyPairName\":\"lab\","
        + "\"KeyPairId\":\"kp-1\",\"KeyPairFingerPrint\":\"ab\",\"CreationTime\":\"2026-12-08T00:00:00Z\"}]}}");
    CliHarness.Result r = cli.run("keypair", "list");
    assertEquals(0, r.exit(), r.err());
    assertEquals("NAME  ID    FINGERPRINT  CREATED\nlab   kp-1  ab           2026-12-08T00:00:00Z\n", r.out());
  }
}
