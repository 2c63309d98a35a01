package io.ecsbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.config.DaemonConfig.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file: its syntax, its errors (file and line), and precedence flags > environment > file > defaults. */
class ConfigFileTest {
  private static final Path FILE = Path.of("/etc/ecsbox/ecsbox.conf");

  private static ConfigFile parse(String... lines) {
    return ConfigFile.parse(FILE, List.of(lines));
  }

  @Test
  void readsAssignmentsCommentsAndQuotesAsSystemdDoes() {
    ConfigFile f = parse("# ecsbox", "", "  ; old style comment", "ECSBOX_WORKERS=3", "ECSBOX_ZONES = \"z-a, z-b\"",
        "ECSBOX_LOG_LEVEL='debug'", "ECSBOX_JAVA_OPTS=-Xmx96m", "ECSBOX_EIP_CIDR=");
    assertEquals("3", f.get("ECSBOX_WORKERS").orElseThrow().value());
    assertEquals(4, f.get("ECSBOX_WORKERS").orElseThrow().line());
    assertEquals("z-a, z-b", f.get("ECSBOX_ZONES").orElseThrow().value());
    assertEquals("debug", f.get("ECSBOX_LOG_LEVEL").orElseThrow().value());
    assertFalse(f.get("ECSBOX_JAVA_OPTS").isPresent(), "the launcher's variable passes through, not a setting");
    DaemonConfig c = DaemonConfig.load(Map.of(), Flags.NONE, f);
    assertEquals(3, c.workers());
    assertEquals(List.of("z-a", "z-b"), c.zones());
    assertEquals(LogLevel.DEBUG, c.logLevel());
    assertTrue(c.network().eip().isEmpty(), "a blank value is unset, as a blank variable");
  }

  @Test
  void everyBadLineIsNamedWithItsFileAndLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("ECSBOX_WORKER=3", "workers 3",
        "ECSBOX_ZONES=\"a", "ECSBOX_WORKERS=2", "ECSBOX_WORKERS=4"));
    assertEquals(List.of(FILE + ":1", FILE + ":2", FILE + ":3", FILE + ":5"), e.names());
    assertTrue(e.getMessage().contains("first on line 4"), e.getMessage());
  }

  @Test
  void aBadValueInTheFileNamesTheLineAndNeverASecret() {
    ConfigFile f = parse("ECSBOX_WORKERS=many", "ECSBOX_ACCESS_KEY_ID=LTAIx");
    ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(Map.of(), Flags.NONE, f));
    assertEquals(List.of("ECSBOX_WORKERS (" + FILE + ":1)", "ECSBOX_ACCESS_KEY_SECRET"), e.names());
    ConfigFile secret = parse("ECSBOX_ACCESS_KEY_ID=", "ECSBOX_ACCESS_KEY_SECRET=\"\"");
    assertEquals(DaemonConfig.defaults(), DaemonConfig.load(Map.of(), Flags.NONE, secret));
  }

  @Test
  void anExplicitFileMustExistTheDefaultOneMayNot(@TempDir Path dir) throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.load(dir.resolve("no.conf"), null));
    assertEquals(List.of("--config"), e.names());
    assertEquals(ConfigFile.NONE, ConfigFile.load(null, dir.resolve("no.conf")));
    Path conf = Files.writeString(dir.resolve("ecsbox.conf"), "ECSBOX_WORKERS=5\n");
    assertEquals(5, DaemonConfig.load(Map.of(), Flags.NONE, ConfigFile.load(null, conf)).workers());
    Files.write(dir.resolve("latin1.conf"), new byte[] {'E', '=', (byte) 0xe9, '\n'});
    assertThrows(ConfigException.class, () -> ConfigFile.load(dir.resolve("latin1.conf"), null));
  }

  /**
   * Random mixes of sources: for each setting tried, any of flag, environment and file may hold a
   * distinct value; the effective value and its reported source are always the highest one.
   */
  @Test
  void precedenceIsFlagThenEnvironmentThenFileThenDefault() {
    Random random = new Random(13);
    for (int round = 0; round < 300; round++) {
      Map<String, String> env = new HashMap<>();
      List<String> lines = new ArrayList<>();
      String[] flagValues = new String[3];
      Map<String, String> expectedSource = new HashMap<>();
      Map<String, Object> expectedValue = new HashMap<>();
      int workersFile = 1 + random.nextInt(50);
      int workersEnv = 51 + random.nextInt(50);
      expectedSource.put("ECSBOX_WORKERS", "default");
      expectedValue.put("ECSBOX_WORKERS", 8);
      if (random.nextBoolean()) {
        lines.add("ECSBOX_WORKERS=" + workersFile);
        expectedSource.put("ECSBOX_WORKERS", FILE + ":" + lines.size());
        expectedValue.put("ECSBOX_WORKERS", workersFile);
      }
      if (random.nextBoolean()) {
        env.put("ECSBOX_WORKERS", random.nextBoolean() ? " " : String.valueOf(workersEnv));
        if (!env.get("ECSBOX_WORKERS").isBlank()) {
          expectedSource.put("ECSBOX_WORKERS", "environment");
          expectedValue.put("ECSBOX_WORKERS", workersEnv);
        }
      }
      int port = 1000 + random.nextInt(1000);
      expectedSource.put("ECSBOX_LISTEN", "default");
      expectedValue.put("ECSBOX_LISTEN", "127.0.0.1:18080");
      if (random.nextBoolean()) {
        lines.add("ECSBOX_LISTEN=127.0.0.1:" + port);
        expectedSource.put("ECSBOX_LISTEN", FILE + ":" + lines.size());
        expectedValue.put("ECSBOX_LISTEN", "127.0.0.1:" + port);
      }
      if (random.nextBoolean()) {
        env.put("ECSBOX_LISTEN", "127.0.0.2:" + port);
        expectedSource.put("ECSBOX_LISTEN", "environment");
        expectedValue.put("ECSBOX_LISTEN", "127.0.0.2:" + port);
      }
      if (random.nextBoolean()) {
        flagValues[1] = "127.0.0.3:" + port;
        expectedSource.put("ECSBOX_LISTEN", "flag --listen");
        expectedValue.put("ECSBOX_LISTEN", "127.0.0.3:" + port);
      }
      ConfigFile file = ConfigFile.parse(FILE, lines);
      Flags flags = new Flags(flagValues[0], flagValues[1], flagValues[2]);
      DaemonConfig c = DaemonConfig.load(env, flags, file);
      assertEquals(expectedValue.get("ECSBOX_WORKERS"), c.workers(), "round " + round);
      assertEquals(expectedValue.get("ECSBOX_LISTEN"), c.listen().toString(), "round " + round);
      for (DaemonConfig.Shown s : DaemonConfig.show(env, flags, file)) {
        String name = s.setting().env();
        assertEquals(expectedSource.getOrDefault(name, "default"), s.source(), name + " round " + round);
        if (expectedValue.containsKey(name)) {
          assertEquals(String.valueOf(expectedValue.get(name)), s.value(), name);
        }
      }
    }
  }

  @Test
  void showMasksSecretsWhateverTheirSource() {
    ConfigFile f = parse("ECSBOX_ACCESS_KEY_ID=LTAIfile", "ECSBOX_ACCESS_KEY_SECRET=topsecret");
    List<DaemonConfig.Shown> shown = DaemonConfig.show(Map.of("ECSBOX_ACCESS_KEY_SECRET", "envsecret"), Flags.NONE, f);
    String all = shown.toString();
    assertFalse(all.contains("topsecret") || all.contains("envsecret") || all.contains("LTAIfile"), all);
    DaemonConfig.Shown secret = shown.stream().filter(s -> s.setting() == Settings.ACCESS_KEY_SECRET).findFirst()
        .orElseThrow();
    assertEquals("environment", secret.source());
    assertEquals("(set, hidden)", secret.value());
  }

  @Test
  void theTemplateIsAValidFileAndUncommentedItGivesTheDefaults() {
    String template = Settings.configTemplate();
    assertEquals(ConfigFile.NONE.entries(), ConfigFile.parse(FILE, template.lines().toList()).entries());
    for (Setting<?> s : Settings.ALL) {
      assertTrue(template.contains("\n#" + s.env() + "="), s.env());
    }
    List<String> uncommented = template.lines().map(l -> l.matches("#ECSBOX_[A-Z_]+=.+") ? l.substring(1) : l)
        .toList();
    ConfigFile f = ConfigFile.parse(FILE, uncommented);
    assertTrue(f.entries().size() >= 15, f.entries().keySet().toString());
    assertEquals(DaemonConfig.defaults(), DaemonConfig.load(Map.of(), Flags.NONE, f));
  }
}
