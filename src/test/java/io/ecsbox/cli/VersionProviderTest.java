package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionProviderTest {
  private static Properties git(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void aCleanBuildNamesItsReleaseAndCommit() {
    assertEquals("ecsbox 0.1.0-SNAPSHOT (commit 1a2b3c4) (ECS API 2014-05-26)",
        VersionProvider.describe("0.1.0-SNAPSHOT", git("git.commit.id.abbrev", "1a2b3c4", "git.dirty", "false")));
  }

  @Test
  void aBuildFromADirtyTreeSaysSo() {
    assertEquals("ecsbox 0.1.0 (commit 1a2b3c4-dirty) (ECS API 2014-05-26)",
        VersionProvider.describe("0.1.0", git("git.commit.id.abbrev", "1a2b3c4", "git.dirty", "true")));
  }

  @Test
  void aBuildOutsideGitSaysUnknown() {
    assertEquals("ecsbox 0.1.0 (commit unknown) (ECS API 2014-05-26)", VersionProvider.describe("0.1.0", git()));
  }

  @Test
  void classesWithoutAManifestTakeTheBuildVersionOrSayDev() {
    assertEquals("ecsbox 0.2.0 (commit abcdef0) (ECS API 2014-05-26)",
        VersionProvider.describe(null, git("git.commit.id.abbrev", "abcdef0", "git.build.version", "0.2.0")));
    assertEquals("ecsbox dev (commit unknown) (ECS API 2014-05-26)", VersionProvider.describe(null, git()));
  }
}
