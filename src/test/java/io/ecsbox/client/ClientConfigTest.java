package io.ecsbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
  @TempDir Path home;
  @TempDir Path dataDir;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void isolateFromTheHost() {
    // Never read the real /var/lib/ecsbox of the machine running the tests.
    env.put("ECSBOX_DATA_DIR", dataDir.toString());
  }

  private void writeConfig(String json) throws IOException {
    Path f = home.resolve(".config/ecsbox/config.json");
    Files.createDirectories(f.getParent());
    Files.writeString(f, json);
  }

  private void writeAdmin(String json) throws IOException {
    Files.writeString(dataDir.resolve("admin.credentials"), json);
  }

  private ClientConfig resolve() {
    return ClientConfig.resolve(env, home);
  }

  private EcsApiException fails() {
    return assertThrows(EcsApiException.class, this::resolve);
  }

  @Test
  void environmentWinsOverFileAndAdminCredentials() throws IOException {
    env.put("ECSBOX_ENDPOINT", "http://10.0.0.1:1000");
    env.put("ECSBOX_ACCESS_KEY_ID", "env-id");
    env.put("ECSBOX_ACCESS_KEY_SECRET", "env-secret");
    writeConfig("{\"endpoint\":\"http://file:1\",\"accessKeyId\":\"f\",\"accessKeySecret\":\"fs\"}");
    writeAdmin("{\"AccessKeyId\":\"a\",\"AccessKeySecret\":\"as\",\"Endpoint\":\"http://admin:2\"}");
    ClientConfig c = resolve();
    assertEquals(URI.create("http://10.0.0.1:1000"), c.endpoint());
    assertEquals("env-id", c.accessKeyId());
    assertEquals("env-secret", c.accessKeySecret());
    assertEquals("the environment (ECSBOX_*)", c.keySource());
  }

  @Test
  void configFileWinsOverAdminCredentials() throws IOException {
    writeConfig("{\"endpoint\":\"http://file:1\",\"accessKeyId\":\"f\",\"accessKeySecret\":\"fs\","
        + "\"regionId\":\"lab-9\"}");
    writeAdmin("{\"AccessKeyId\":\"a\",\"AccessKeySecret\":\"as\",\"Endpoint\":\"http://admin:2\","
        + "\"RegionId\":\"local-1\"}");
    ClientConfig c = resolve();
    assertEquals("f", c.accessKeyId());
    assertEquals("fs", c.accessKeySecret());
    assertEquals(URI.create("http://file:1"), c.endpoint());
    assertEquals("lab-9", c.regionId());
  }

  @Test
  void adminCredentialsAreTheLastSource() throws IOException {
    writeAdmin("{\"AccessKeyId\":\"a\",\"AccessKeySecret\":\"as\",\"Endpoint\":\"http://127.0.0.1:9999\","
        + "\"RegionId\":\"r-admin\"}");
    ClientConfig c = resolve();
    assertEquals("a", c.accessKeyId());
    assertEquals("as", c.accessKeySecret());
    assertEquals(URI.create("http://127.0.0.1:9999"), c.endpoint());
    assertEquals("r-admin", c.regionId());
    assertEquals(dataDir.resolve("admin.credentials").toString(), c.keySource());
  }

  @Test
  void eachSettingTakesTheFirstSourceThatHasIt() throws IOException {
    env.put("ECSBOX_ACCESS_KEY_ID", "env-id");
    env.put("ECSBOX_ACCESS_KEY_SECRET", "env-secret");
    writeConfig("{\"endpoint\":\"http://file:1\"}");
    writeAdmin("{\"AccessKeyId\":\"a\",\"AccessKeySecret\":\"as\",\"RegionId\":\"r-admin\"}");
    ClientConfig c = resolve();
    assertEquals("env-id", c.accessKeyId());
    assertEquals(URI.create("http://file:1"), c.endpoint());
    assertEquals("r-admin", c.regionId());
  }

  @Test
  void defaultsApplyWhenNoSourceSetsEndpointOrRegion() {
    env.put("ECSBOX_ACCESS_KEY_ID", "id");
    env.put("ECSBOX_ACCESS_KEY_SECRET", "secret");
    ClientConfig c = resolve();
    assertEquals(URI.create("http://127.0.0.1:18080"), c.endpoint());
    assertEquals("local-1", c.regionId());
  }

  @Test
  void explicitConfigFileIsUsedAndMustExist() throws IOException {
    Path f = home.resolve("elsewhere.json");
    Files.writeString(f, "{\"accessKeyId\":\"x\",\"accessKeySecret\":\"y\",\"endpoint\":\"127.0.0.1:7\"}");
    env.put("ECSBOX_CONFIG", f.toString());
    ClientConfig c = resolve();
    assertEquals("x", c.accessKeyId());
    assertEquals(URI.create("http://127.0.0.1:7"), c.endpoint(), "host:port gets http://");
    env.put("ECSBOX_CONFIG", home.resolve("missing.json").toString());
    EcsApiException e = fails();
    assertEquals("InvalidConfig", e.code());
    assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
  }

  @Test
  void noKeyAnywhereExplainsTheThreeWays() {
    EcsApiException e = fails();
    assertEquals("MissingCredentials", e.code());
    String m = e.getMessage();
    assertTrue(m.contains("ECSBOX_ACCESS_KEY_ID") && m.contains("ECSBOX_ACCESS_KEY_SECRET"), m);
    assertTrue(m.contains(home.resolve(".config/ecsbox/config.json").toString()), m);
    assertTrue(m.contains(dataDir.resolve("admin.credentials").toString()), m);
  }

  @Test
  void halfAKeyIsAnError() {
    env.put("ECSBOX_ACCESS_KEY_ID", "only-id");
    EcsApiException e = fails();
    assertEquals("InvalidConfig", e.code());
    assertTrue(e.getMessage().contains("environment"), e.getMessage());
  }

  @Test
  void malformedFileIsNamed() throws IOException {
    writeConfig("{not json");
    EcsApiException e = fails();
    assertEquals("InvalidConfig", e.code());
    assertTrue(e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void badEndpointIsNamedWithItsSource() {
    env.put("ECSBOX_ENDPOINT", "ftp://host/x");
    env.put("ECSBOX_ACCESS_KEY_ID", "id");
    env.put("ECSBOX_ACCESS_KEY_SECRET", "secret");
    EcsApiException e = fails();
    assertEquals("InvalidConfig", e.code());
    assertTrue(e.getMessage().contains("ftp://host/x") && e.getMessage().contains("environment"),
        e.getMessage());
  }

  @Test
  void toStringHidesTheSecret() {
    env.put("ECSBOX_ACCESS_KEY_ID", "id");
    env.put("ECSBOX_ACCESS_KEY_SECRET", "very-secret-value");
    assertFalse(resolve().toString().contains("very-secret-value"));
  }

  // ---- the Alibaba Cloud tools' variables, XDG, profiles, trusted certificates

  @Test
  void alibabaCloudVariablesComeAfterEcsboxOnesAndBeforeFiles() throws IOException {
    writeConfig("{\"endpoint\":\"http://file:1\",\"accessKeyId\":\"f\",\"accessKeySecret\":\"fs\","
        + "\"regionId\":\"r-file\"}");
    env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "ali-id");
    env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-secret");
    env.put("ALIBABA_CLOUD_REGION_ID", "r-ali");
    ClientConfig c = resolve();
    assertEquals("ali-id", c.accessKeyId());
    assertEquals("ali-secret", c.accessKeySecret());
    assertEquals("r-ali", c.regionId());
    assertEquals(URI.create("http://file:1"), c.endpoint(), "the Alibaba variables have no endpoint");
    assertEquals("the environment (ALIBABA_CLOUD_*)", c.keySource());
    env.put("ECSBOX_ACCESS_KEY_ID", "e");
    env.put("ECSBOX_ACCESS_KEY_SECRET", "es");
    env.put("ECSBOX_REGION_ID", "r-e");
    c = resolve();
    assertEquals("e", c.accessKeyId());
    assertEquals("r-e", c.regionId());
    env.remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    env.remove("ECSBOX_ACCESS_KEY_ID");
    env.remove("ECSBOX_ACCESS_KEY_SECRET");
    assertTrue(fails().getMessage().contains("ALIBABA_CLOUD_"), "half an Alibaba key is an error too");
  }

  @Test
  void xdgConfigHomeMovesTheConfigFileAndKnownEndpoints() throws IOException {
    Path xdg = home.resolve("xdg");
    Files.createDirectories(xdg.resolve("ecsbox"));
    Files.writeString(xdg.resolve("ecsbox/config.json"), "{\"accessKeyId\":\"x\",\"accessKeySecret\":\"y\"}");
    env.put("XDG_CONFIG_HOME", xdg.toString());
    ClientConfig c = resolve();
    assertEquals("x", c.accessKeyId());
    assertEquals(xdg.resolve("ecsbox/known_endpoints"), c.knownEndpoints());
    env.put("XDG_CONFIG_HOME", "relative/dir"); // the XDG spec: ignore a relative value
    assertEquals(home.resolve(".config/ecsbox/config.json"), ClientConfig.configFile(env, home));
    assertEquals(home.resolve(".config/ecsbox/known_endpoints"), ClientConfig.knownEndpoints(env, home));
  }

  private static final String PROFILES = "{\"current\":\"lab\",\"profiles\":{"
      + "\"default\":{\"endpoint\":\"http://d:1\",\"accessKeyId\":\"d\",\"accessKeySecret\":\"ds\"},"
      + "\"lab\":{\"endpoint\":\"https://lab:2\",\"accessKeyId\":\"l\",\"accessKeySecret\":\"ls\","
      + "\"regionId\":\"r-lab\",\"certificateSha256\":\"" + "ab".repeat(32) + "\"}}}";

  @Test
  void theCurrentProfileThenEcsboxProfileThenTheFlagSelect() throws IOException {
    writeConfig(PROFILES);
    ClientConfig c = resolve();
    assertEquals("l", c.accessKeyId());
    assertEquals(URI.create("https://lab:2"), c.endpoint());
    assertEquals("r-lab", c.regionId());
    assertEquals(java.util.Set.of(io.ecsbox.tls.Fingerprint.parse("AB".repeat(32))), c.trustedCertificates());
    env.put("ECSBOX_PROFILE", "default");
    assertEquals("d", resolve().accessKeyId());
    assertEquals(java.util.Set.of(), resolve().trustedCertificates());
    assertEquals("l", ClientConfig.resolve(env, home, "lab").accessKeyId(), "--profile wins over ECSBOX_PROFILE");
    EcsApiException e = assertThrows(EcsApiException.class, () -> ClientConfig.resolve(env, home, "prod"));
    assertEquals("InvalidConfig", e.code());
    assertTrue(e.getMessage().contains("No profile \"prod\"") && e.getMessage().contains("default, lab")
        && e.getMessage().contains("ecsbox configure --profile prod"), e.getMessage());
  }

  @Test
  void theOldFormatIsTheDefaultProfileAndWritingMigratesIt() throws IOException {
    writeConfig("{\"endpoint\":\"http://old:1\",\"accessKeyId\":\"o\",\"accessKeySecret\":\"os\"}");
    Path f = home.resolve(".config/ecsbox/config.json");
    CliConfigFile old = CliConfigFile.read(f);
    assertEquals("default", old.current());
    assertEquals("o", old.profile("default").orElseThrow().accessKeyId());
    assertEquals("o", ClientConfig.resolve(env, home, "default").accessKeyId());
    old.with("lab", new CliConfigFile.Profile("https://lab:2", "l", "ls", null, null)).write(f);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(f)));
    CliConfigFile migrated = CliConfigFile.read(f);
    assertEquals("lab", migrated.current());
    assertEquals(java.util.List.of("default", "lab"), java.util.List.copyOf(migrated.profiles().keySet()));
    assertEquals("os", migrated.profile("default").orElseThrow().accessKeySecret());
    assertEquals("l", resolve().accessKeyId());
  }

  @Test
  void adminCredentialsFingerprintIsTrustedAndABadOneIsNamed() throws IOException {
    writeAdmin("{\"AccessKeyId\":\"a\",\"AccessKeySecret\":\"as\",\"Endpoint\":\"https://127.0.0.1:9\","
        + "\"CertificateSha256\":\"" + "0f".repeat(32) + "\"}");
    assertEquals(java.util.Set.of(io.ecsbox.tls.Fingerprint.parse("0F".repeat(32))), resolve().trustedCertificates());
    writeAdmin("{\"AccessKeyId\":\"a\",\"AccessKeySecret\":\"as\",\"CertificateSha256\":\"abc\"}");
    assertTrue(fails().getMessage().contains("certificateSha256"));
  }
}
