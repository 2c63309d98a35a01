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
}
