package io.ecsbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Settings" table is the one the code renders. */
class SettingsReadmeTest {
  private static final Path README = Path.of("README.md");
  private static final String REGENERATE = "mvn -B -ntp -q test -Dtest=SettingsReadmeTest -Decsbox.readme.write=true"
      + " (or: java -cp target/classes io.ecsbox.config.SettingsReadme README.md)";

  @Test
  void theReadmeTableIsTheRenderedOne() throws Exception {
    String readme = Files.readString(README);
    if (Boolean.getBoolean("ecsbox.readme.write")) {
      Files.writeString(README, SettingsReadme.update(readme));
      readme = Files.readString(README);
    }
    assertEquals(Settings.markdownTable(), SettingsReadme.table(readme),
        "README.md's settings table differs from io.ecsbox.config.Settings; regenerate it with: " + REGENERATE);
  }

  @Test
  void updatingReplacesOnlyTheTable() {
    String doc = "# x\n" + SettingsReadme.BEGIN + "\nold\n" + SettingsReadme.END + "\nrest\n";
    String updated = SettingsReadme.update(doc);
    assertEquals("# x\n" + SettingsReadme.BEGIN + "\n" + Settings.markdownTable() + SettingsReadme.END + "\nrest\n",
        updated);
    assertEquals(updated, SettingsReadme.update(updated));
  }
}
